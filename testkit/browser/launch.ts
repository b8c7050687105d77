import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/** Debian's real Chromium binary (/usr/bin/chromium is a wrapper script). Never a downloaded browser. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) throw new Error('Chromium is not installed: run `apt-get install -y chromium` (see README).');
  return found;
}

export interface LaunchOptions {
  /** Give WebGPU a (software, on this machine) adapter. */
  webgpu?: boolean;
  /** More unpacked extensions to load beside Hearth (e.g. a foreign one for sender tests). */
  alsoLoad?: string[];
  args?: string[];
  /** Another build than `.output/chrome-mv3` (one made with other build options). */
  extensionDir?: string;
}

export interface Hearth {
  context: BrowserContext;
  sw: Worker;
  extensionId: string;
  url(path: string): string;
  close(): Promise<void>;
}

/** Start headless Chromium with the built extension loaded, and wait for Hearth's service worker. */
export async function launchHearth(options: LaunchOptions = {}): Promise<Hearth> {
  const dir = options.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(join(dir, 'manifest.json'))) {
    throw new Error(`No built extension at ${dir}: run \`npm run build\` first.`);
  }
  const profile = await mkdtemp(join(tmpdir(), 'hearth-profile-'));
  const extensions = [dir, ...(options.alsoLoad ?? [])].join(',');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      `--disable-extensions-except=${extensions}`,
      `--load-extension=${extensions}`,
      ...(options.webgpu ? ['--enable-unsafe-webgpu'] : []),
      ...(options.args ?? []),
    ],
  });
  const sw = await findServiceWorker(context, 'Hearth');
  const extensionId = new URL(sw.url()).host;
  return {
    context,
    sw,
    extensionId,
    url: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The service worker of the loaded extension whose manifest name starts with `name`. */
export async function findServiceWorker(context: BrowserContext, name: string): Promise<Worker> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    for (const w of context.serviceWorkers()) {
      const manifestName = await w.evaluate(() => chrome.runtime.getManifest().name).catch(() => '');
      if (manifestName.startsWith(name)) return w;
    }
    await context.waitForEvent('serviceworker', { timeout: 1000 }).catch(() => {});
  }
  throw new Error(`The service worker of "${name}" did not start.`);
}
