// Many Nodes works offline once loaded. index.html registers this worker as
// offline.js?release=<id>, the id made from the hashed names of the
// release's files, scoped to the app's own directory (any sub-path of any
// static host). Each release keeps its saved files in its own cache; a new
// release installs a new worker, and its activation deletes the caches of
// every other release of the app in this directory.
//
// Saving costs no second download: the page sends the addresses of the
// files it has already loaded, and the worker copies them out of the
// browser's HTTP cache (`cache: "force-cache"`). From then on the app's
// files, whose names change with their content, come from the saved copies
// first; pages come from the network first, and when the network is gone
// any page in the directory gets the saved index.html (every page of the
// lesson app is that one file), except the lab page (lab/), which gets its
// own copy, kept each time it loads, with the files it loaded. Nothing
// outside the directory is touched.
const SCOPE = self.registration.scope;
const SCOPE_PATH = new URL(SCOPE).pathname;
const RELEASE = new URL(self.location.href).searchParams.get("release") ?? "unnamed";
const PREFIX = `many-nodes ${SCOPE} `;
const CACHE = `${PREFIX}${RELEASE}`;
// The name of this worker's cache before caches were named per release.
const UNNAMED = "many-nodes";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) =>
  event.waitUntil(forgetOtherReleases().then(() => self.clients.claim())),
);

/** Delete the saved files of every other release of the app in this directory. */
async function forgetOtherReleases() {
  const names = await caches.keys();
  const stale = names.filter((name) => name === UNNAMED || (name.startsWith(PREFIX) && name !== CACHE));
  await Promise.all(stale.map((name) => caches.delete(name)));
}

/** Whether `url` is the app's index.html, under either of its addresses. */
function isTheApp(url) {
  const { pathname } = new URL(url);
  return pathname === SCOPE_PATH || pathname === `${SCOPE_PATH}index.html`;
}

/** The address the lab page's copy is kept under. */
const LAB = `${SCOPE}lab/`;

/** Whether `url` is in the lab page's directory. */
function isTheLab(url) {
  return new URL(url).pathname.startsWith(`${SCOPE_PATH}lab/`);
}

/** The key a page's copy is kept under, if it is one the worker keeps. */
function keptAs(url) {
  const { pathname } = new URL(url);
  if (isTheApp(url)) return SCOPE;
  if (pathname === `${SCOPE_PATH}lab/` || pathname === `${SCOPE_PATH}lab/index.html`) return LAB;
  return null;
}

// The page's list of what it loaded: save each from the HTTP cache, then
// answer "ready", or why not.
self.addEventListener("message", (event) => {
  const { document, files } = event.data ?? {};
  const reply = event.ports[0];
  if (typeof document !== "string" || !Array.isArray(files) || !reply) return;
  event.waitUntil(
    save(document, files).then(
      () => reply.postMessage("ready"),
      (error) => reply.postMessage(`not saved: ${error}`),
    ),
  );
});

/** Copy the page at `document` and the `files` it loaded into this release's cache. */
async function save(document, files) {
  const cache = await caches.open(CACHE);
  const copy = async (url, key) => {
    if (!url.startsWith(SCOPE)) return;
    const response = await fetch(url, { cache: "force-cache" });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    await cache.put(key, response);
  };
  const page = isTheApp(document) ? [copy(document, SCOPE)] : [];
  await Promise.all([...page, ...files.map((url) => copy(url, url))]);
  await forgetOtherReleases();
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  event.respondWith(request.mode === "navigate" ? page(event) : file(event));
});

/** A page: from the network, keeping a copy of the app; saved when offline. */
async function page(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    const key = keptAs(request.url);
    if (response.ok && key) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then((cache) => cache.put(key, copy)));
    }
    return response;
  } catch {
    const cache = await caches.open(CACHE);
    const fallback = isTheLab(request.url) ? LAB : SCOPE;
    return (await cache.match(request, { ignoreSearch: true })) ?? (await cache.match(fallback)) ?? Response.error();
  }
}

/** One of the app's files: the saved copy, else the network, keeping a copy. */
async function file(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const saved = await cache.match(request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    event.waitUntil(cache.put(request, copy));
  }
  return response;
}
