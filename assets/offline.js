// Many Nodes works offline once loaded. This service worker answers every
// request for the app's own files from the network when it can, keeping a
// copy, and from those copies when the network is gone. Any page address
// (/lesson/..., /sandbox) is the same app, so a page opened offline gets
// the saved index.html. Nothing from other origins is touched.
const CACHE = "many-nodes";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  const key = request.mode === "navigate" ? "/index.html" : request;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)));
        }
        return response;
      })
      .catch(() => caches.match(key).then((saved) => saved ?? Response.error())),
  );
});
