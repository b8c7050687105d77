// `npm start`: build Hearth and open Chromium with it loaded. With no display, say how to load it by hand.
import { execSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ext = resolve('.output/chrome-mv3');
execSync('npx wxt build', { stdio: 'inherit' });

const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
const browser = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/google-chrome']
  .find((p) => p && existsSync(p));

if (!hasDisplay || !browser) {
  console.log(`
Hearth is built in ${ext}
${!hasDisplay ? 'There is no display here, so no browser window can open.' : 'No Chromium or Chrome was found (set CHROMIUM_PATH).'}
To try it: open chrome://extensions in Chrome or Chromium, turn on "Developer mode",
click "Load unpacked" and choose that folder. Then click Hearth's icon in the toolbar.
To see it work headless instead: npm run demo (the pose overlay on a sample clip; saves pose-demo.png)`);
  process.exit(0);
}

const profile = mkdtempSync(join(tmpdir(), 'hearth-start-'));
console.log(`Opening ${browser} with Hearth loaded (profile ${profile}).`);
spawn(browser, [`--user-data-dir=${profile}`, `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-first-run', 'about:blank'], {
  stdio: 'ignore',
  detached: true,
}).unref();
