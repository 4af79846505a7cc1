/**
 * The commands of `@web/test-runner-commands` that its 0.9 plugins do not give every engine:
 * - `send-keys` with a key combination (`Shift+Tab`), for puppeteer (Firefox) and WebDriver (WebKit);
 * - `set-viewport` over WebDriver: the window is resized until the page's viewport has the size;
 * - `engine`: which engine runs, and whether it can emulate media features (tests skip otherwise).
 * Registered ahead of the built-in command plugins, so it answers first.
 */

/** WebDriver's code points of the keys the tests press (the W3C WebDriver "keys" table). */
const WEBDRIVER_KEYS = {
  Shift: '\uE008', Control: '\uE009', Alt: '\uE00A', Meta: '\uE03D', Tab: '\uE004', Enter: '\uE007', Escape: '\uE00C', Space: ' ',
  Backspace: '\uE003', ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015', Home: '\uE011', End: '\uE010',
};
const webdriverKey = (name) => WEBDRIVER_KEYS[name] ?? name;

/** Presses `combo` ("Shift+Tab"): the modifiers down, the key, the modifiers up. */
async function pressCombo(session, combo) {
  const keys = combo.split('+');
  if (session.browser.type === 'puppeteer') {
    const { keyboard } = session.browser.getPage(session.id);
    for (const key of keys.slice(0, -1)) await keyboard.down(key);
    await keyboard.press(keys.at(-1));
    for (const key of keys.slice(0, -1).reverse()) await keyboard.up(key);
    return;
  }
  const values = keys.map(webdriverKey);
  await session.browser.driver.performActions([
    { type: 'key', id: 'keyboard', actions: [...values.map((value) => ({ type: 'keyDown', value })), ...values.reverse().map((value) => ({ type: 'keyUp', value }))] },
  ]);
  await session.browser.driver.releaseActions();
}

/** Resizes the window until the page's viewport is `width` × `height` (the window's chrome differs by engine). */
export async function setWebdriverViewport(driver, width, height) {
  let size = { width, height };
  for (let attempt = 0; attempt < 4; attempt++) {
    await driver.setWindowSize(size.width, size.height);
    const inner = await driver.execute(() => ({ width: innerWidth, height: innerHeight }));
    if (inner.width === width && inner.height === height) return;
    size = { width: size.width + width - inner.width, height: size.height + height - inner.height };
  }
  throw new Error(`The window could not give the page a ${width}×${height} viewport`);
}

export function engineCommands({ engine, emulatesMedia }) {
  return {
    name: 'engine-commands',
    serverStart({ config }) {
      // Ahead of the built-in command plugins in the list the test runner asks in order (they
      // answer, or refuse, first otherwise).
      const commandPlugins = config.plugins.find((plugin) => plugin.name === 'test-runner-api')?.plugins;
      if (!commandPlugins) throw new Error('engine-commands: the test runner API plugin was not found');
      commandPlugins.splice(commandPlugins.indexOf(this), 1);
      commandPlugins.unshift(this);
    },
    async executeCommand({ command, payload, session }) {
      if (command === 'engine') return { engine, emulatesMedia };
      // Playwright presses combinations itself.
      if (session.browser.type === 'playwright') return undefined;
      if (command === 'send-keys' && typeof payload?.press === 'string' && payload.press.includes('+') && payload.press !== '+') {
        await pressCombo(session, payload.press);
        return true;
      }
      if (session.browser.type !== 'webdriver') return undefined;
      if (command === 'send-keys' && typeof payload?.press === 'string') {
        await session.browser.driver.keys([webdriverKey(payload.press)]);
        return true;
      }
      if (command === 'set-viewport') {
        await setWebdriverViewport(session.browser.driver, payload.width, payload.height);
        return true;
      }
      return undefined;
    },
  };
}
