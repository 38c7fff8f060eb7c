// How a student completes each lesson's hands-on task through the UI, by
// lesson slug and step index (from 0); `answer<step>` picks a prediction.
// Each recipe only clicks and types; the lesson decides when it is done.

/** Open node `name`'s menu from its button under the canvas. */
export async function openNode(page, name) {
  await page.locator(".node-button", { hasText: `${name}:` }).first().click();
  await page.waitForSelector(".node-menu");
}

/**
 * Press a button in node `name`'s menu, e.g. "Crash", then close the menu.
 * The run is held still meanwhile (the menu's facts change every frame
 * while it plays) and then left playing or paused as it was.
 */
export async function nodeAction(page, name, action) {
  const wasPlaying = (await page.getAttribute("button.play", "aria-pressed")) === "true";
  if (wasPlaying) await page.click("button.play");
  await openNode(page, name);
  await page.locator(".node-menu .menu-actions button", { hasText: action }).click();
  await page.keyboard.press("Escape");
  if (wasPlaying) await page.click("button.play");
}

/** Open the network panel if it is closed. */
export async function networkPanel(page) {
  if (!(await page.evaluate(() => document.querySelector(".network-panel").open))) {
    await page.click(".network-panel summary");
  }
}

/** Split off the nodes named in `names` with the partition picker. */
export async function splitOff(page, names) {
  await networkPanel(page);
  for (const name of names) {
    await page.locator(".partition-node", { hasText: name }).locator("input").check();
  }
  await page.click("button.split");
}

/** Cut the link between two nodes, both ways or one way, with the one-link form. */
export async function cutLink(page, from, to, oneWay = false) {
  await networkPanel(page);
  await page.locator(".one-link .link-end").nth(0).locator("select").selectOption({ label: from });
  await page.locator(".one-link .link-end").nth(1).locator("select").selectOption({ label: to });
  await page.click(oneWay ? "button.cut-one" : "button.cut-both");
}

/** Set a network slider (latency, jitter, loss, duplication) to `value`. */
export async function setSlider(page, name, value) {
  await networkPanel(page);
  await page.locator(`.slider.${name} input`).evaluate((input, v) => {
    input.value = v;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, String(value));
}

/** Make sure the run is playing. */
export async function play(page) {
  if ((await page.getAttribute("button.play", "aria-pressed")) !== "true") await page.click("button.play");
}

/** Wait until the node button of `name` reads `text` (e.g. "(leader)"). */
export async function waitForNode(page, name, text) {
  await page.locator(".node-button", { hasText: `${name}:` }).filter({ hasText: text }).first().waitFor({ timeout: 60_000 });
}

/** Wait until some node other than `name` reads `text`. */
export async function waitForOther(page, name, text) {
  await page
    .locator(".node-button")
    .filter({ hasText: text })
    .filter({ hasNotText: `${name}:` })
    .first()
    .waitFor({ timeout: 60_000 });
}

export const RECIPES = {
  "one-machine": {
    1: async (page) => {
      await nodeAction(page, "app", "Crash");
      await nodeAction(page, "app", "Restart");
    },
    2: async (page) => {
      await nodeAction(page, "database", "Crash");
      await play(page);
    },
  },
  autonomy: {
    1: async (page) => {
      await nodeAction(page, "web 2", "Crash");
      await play(page);
    },
    2: async (page) => {
      await nodeAction(page, "cache", "Crash");
      await play(page);
    },
  },
  clocks: {
    3: async (page) => {
      await cutLink(page, "A", "C");
      await play(page);
    },
  },
  "lost-replies": {
    1: async (page) => {
      await cutLink(page, "client", "server", true);
      await play(page);
    },
    2: async (page) => {
      await networkPanel(page);
      await page.click("button.heal-all");
      await cutLink(page, "server", "client", true);
      await play(page);
    },
    4: async (page) => {
      await cutLink(page, "server", "client", true);
      await play(page);
    },
  },
  geography: {
    3: async (page) => {
      await setSlider(page, "latency", 80);
      await play(page);
    },
  },
  "scaling-out": {
    2: async (page) => {
      await nodeAction(page, "server 2", "Restart");
      await nodeAction(page, "server 3", "Restart");
      await play(page);
    },
  },
  replication: {
    2: async (page) => {
      await nodeAction(page, "R0", "Crash");
      await play(page);
    },
    3: async (page) => {
      await waitForNode(page, "R0", "crashed");
      await waitForOther(page, "R0", "(primary)");
      await nodeAction(page, "R0", "Restart");
      await play(page);
    },
  },
  partitions: {
    1: async (page) => {
      await splitOff(page, ["R2", "C1"]);
      await play(page);
    },
    3: async (page) => {
      await networkPanel(page);
      await page.click("button.heal-all");
      await play(page);
    },
  },
  sharding: {
    1: async (page) => {
      await nodeAction(page, "S1", "Crash");
      await play(page);
    },
  },
  "leader-election": {
    1: async (page) => {
      await nodeAction(page, "C", "Crash");
      await play(page);
    },
    2: async (page) => {
      await play(page);
      await waitForNode(page, "C", "(leader)");
      await nodeAction(page, "C", "Pause");
      await waitForOther(page, "C", "(leader)");
      await nodeAction(page, "C", "Resume");
      await play(page);
    },
    4: async (page) => {
      await networkPanel(page);
      await page.click("button.heal-all");
      await play(page);
    },
  },
};
