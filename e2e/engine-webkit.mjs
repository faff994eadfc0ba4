// The WebKit adapter for engines.mjs: Debian's WebKitGTK through its WebDriver (WebKitWebDriver),
// which starts the MiniBrowser it ships with --automation, under xvfb-run (WebKitGTK needs a
// display even when nobody looks). It speaks classic W3C WebDriver over HTTP with fetch; no client
// package is needed for a dozen commands. Each page is a new WebDriver session, hence a new
// MiniBrowser process with its own ephemeral storage.
//
// What classic WebDriver cannot do here, and what stands in for it:
// - no console or network events: the test probe (probe.js, put in every page by the server)
//   records errors and CSP violations in the page, and the server records every response;
// - no file chooser: the file goes straight to the widget's file input (send keys), without
//   clicking "Open saved answers" (the click would open GTK's own dialog on the hidden display);
// - "leave page?" prompts are accepted silently on refresh: before reloading, the adapter fires a
//   synthetic beforeunload event and reports whether the page's handler asked to stay;
// - screenshots show the window only, and the window is at least 447 px wide.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { WAIT_MS } from './browser.mjs';

const MINIBROWSER = process.env.MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
// WebDriver's code points for the keys the tests press.
const KEYS = { Tab: '\uE004', Enter: '\uE007', Space: '\uE00D', Shift: '\uE008', Escape: '\uE00C', ArrowUp: '\uE013', ArrowDown: '\uE015' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function launch() {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tsc-webkit-home-'));
  let port, driver, exited, stderr;
  // The driver in its own process group, so stopping it ends xvfb-run, Xvfb, the driver and
  // every MiniBrowser it started.
  async function start() {
    port = await freePort();
    stderr = '';
    // The display is numbered after the driver's port, not found with `xvfb-run -a`: two test files
    // running side by side (scripts/test) could both pick the same free number at the same moment,
    // and one Xvfb then fails to start. The port is this process's own, so the number is too.
    driver = spawn('xvfb-run', ['-n', String(port), '-s', '-screen 0 1600x1200x24', 'WebKitWebDriver', `--port=${port}`], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      // MiniBrowser saves downloads in $HOME: a fresh one per launch, watched by download().
      env: { ...process.env, HOME: home },
    });
    driver.stderr.on('data', (d) => { stderr += d; });
    exited = new Promise((r) => driver.once('exit', (code) => r(code)));
    // Bounded by time, not by a count of polls: on a loaded machine each poll takes longer.
    const deadline = Date.now() + 3 * WAIT_MS;
    for (;;) {
      const ready = await command('GET', '/status').then((v) => v.ready !== false, () => false);
      if (ready) return;
      if (Date.now() > deadline || driver.exitCode !== null) throw new Error(`WebKitWebDriver did not start: ${stderr.trim() || 'no output'}`);
      await sleep(50);
    }
  }
  async function stop() {
    try { process.kill(-driver.pid, 'SIGTERM'); } catch { /* already gone */ }
    await Promise.race([exited, sleep(3000)]);
  }

  async function command(method, url, body, timeout = 30_000) {
    if (process.env.E2E_TRACE) console.log(`# webkit: ${method} ${url} ${JSON.stringify(body ?? '').slice(0, 100)}`);
    // A hung command fails the test in 30 s, naming the command, rather than in fetch's 5 minutes.
    const res = await fetch(`http://127.0.0.1:${port}${url}`, {
      method, headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: body && JSON.stringify(body),
      signal: AbortSignal.timeout(timeout),
    }).catch((e) => { throw new Error(`webkit: ${method} ${url}: ${e.message}; driver said: ${stderr.trim().slice(-500) || 'nothing'}`); });
    const json = await res.json();
    if (json.value?.error) throw new Error(`webkit: ${json.value.error}: ${json.value.message} (${method} ${url})`);
    return json.value;
  }

  const CAPABILITIES = { capabilities: { alwaysMatch: {
    browserName: 'MiniBrowser',
    'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', '--enable-tabs-to-links=false'] },
  } } };
  // Now and then (a few times in a hundred sessions on this 2-core machine) a new session never
  // answers; the driver is then stuck, so it is restarted once and the session asked for again.
  async function newSession() {
    try {
      return await command('POST', '/session', CAPABILITIES, 15_000);
    } catch (e) {
      if (!/timeout|aborted/i.test(e.message)) throw e;
      console.log(`# webkit: a new session hung (${e.message.split(';')[0]}); restarting WebKitWebDriver once`);
      await stop();
      await start();
      return command('POST', '/session', CAPABILITIES, 15_000);
    }
  }

  await start();
  return {
    async open({ viewport }) {
      const { sessionId } = await newSession();
      const s = (p) => `/session/${sessionId}${p}`;
      const id = (h) => h[ELEMENT];
      await command('POST', s('/timeouts'), { script: 30_000, pageLoad: 30_000 });
      await command('POST', s('/window/rect'), { x: 0, y: 0, ...viewport });
      const evaluate = async (expr) => {
        const r = await command('POST', s('/execute/async'), {
          script: `const done = arguments[arguments.length - 1];
            Promise.resolve().then(() => (${expr})).then((v) => done({ v }), (e) => done({ e: String((e && e.stack) || e) }));`,
          args: [],
        });
        if (r && 'e' in r) throw new Error(`webkit: in the page: ${r.e}`);
        return r?.v;
      };
      const click = (h) => command('POST', s(`/element/${id(h)}/click`), {});

      return {
        evaluate,
        run: (source) => command('POST', s('/execute/sync'), { script: `${source}\n;return true;`, args: [] }),
        async element(expr) {
          const h = await command('POST', s('/execute/sync'), { script: `return (${expr});`, args: [] });
          if (!h?.[ELEMENT]) throw new Error(`webkit: no element for ${expr.slice(0, 80)}`);
          return h;
        },
        click,
        // A real click at a point of the top window's viewport (how frames are clicked).
        clickAt: (x, y) => command('POST', s('/actions'), { actions: [{
          type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
          actions: [{ type: 'pointerMove', x, y, origin: 'viewport', duration: 0 },
            { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }],
        }] }),
        async fill(h, text) {
          await command('POST', s(`/element/${id(h)}/clear`), {});
          await command('POST', s(`/element/${id(h)}/value`), { text });
        },
        async press(key) {
          const keys = key.split('+').map((k) => KEYS[k] ?? k);
          const actions = [...keys.map((value) => ({ type: 'keyDown', value })), ...keys.reverse().map((value) => ({ type: 'keyUp', value }))];
          await command('POST', s('/actions'), { actions: [{ type: 'key', id: 'keyboard', actions }] });
        },
        async type(text) {
          const actions = [...text].flatMap((value) => [{ type: 'keyDown', value }, { type: 'keyUp', value }]);
          await command('POST', s('/actions'), { actions: [{ type: 'key', id: 'keyboard', actions }] });
        },
        // WebKitWebDriver now and then sets the file without the input's `change` reaching the page
        // (seen once in a fresh-clone run: the widget's status never came). So wait for the event,
        // and clear the input and set the file again if it has not come within a second.
        async openFile(_button, input, file) {
          for (let attempt = 1; ; attempt++) {
            await command('POST', s('/execute/sync'), {
              script: `const i = arguments[0]; i.value = ''; window.__tscFileChanged = false;
                i.addEventListener('change', () => { window.__tscFileChanged = true; }, { once: true }); return true;`,
              args: [input],
            });
            await command('POST', s(`/element/${id(input)}/value`), { text: file });
            for (let i = 0; i < 50; i++) {
              if (await evaluate('window.__tscFileChanged')) return;
              await sleep(20);
            }
            if (attempt === 3) throw new Error('webkit: the file input never reported a change');
          }
        },
        async download(h) {
          const before = new Set(fs.readdirSync(home));
          await click(h);
          for (const deadline = Date.now() + WAIT_MS; Date.now() < deadline;) {
            const done = fs.readdirSync(home).filter((f) => !before.has(f) && !f.startsWith('.') && !f.endsWith('.download'));
            if (done.length === 1) {
              const file = path.join(home, done[0]);
              const size = fs.statSync(file).size;
              await sleep(50);
              if (size > 0 && fs.statSync(file).size === size) return { name: done[0], text: fs.readFileSync(file, 'utf8') };
            }
            await sleep(20);
          }
          throw new Error('webkit: no file was downloaded');
        },
        async reload() {
          const prompted = await evaluate(`(() => {
            const e = document.createEvent('BeforeUnloadEvent');
            e.initEvent('beforeunload', false, true);
            window.dispatchEvent(e);
            return e.defaultPrevented || Boolean(e.returnValue);
          })()`);
          await command('POST', s('/refresh'), {});
          return { prompted };
        },
        goto: (url) => command('POST', s('/url'), { url }),
        async screenshot(file) {
          fs.writeFileSync(file, Buffer.from(await command('GET', s('/screenshot')), 'base64'));
        },
        cookies: () => command('GET', s('/cookie')),
        problems: () => [],
        close: () => command('DELETE', s('')),
      };
    },
    async close() {
      await stop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}
