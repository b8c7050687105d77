/**
 * A cross-origin-isolated Chromium page (shared WebAssembly memory) with the wasm kernels bundled in, for what Node
 * cannot run: the relaxed SIMD build (Node 20's relaxed SIMD is an old draft). In the page: `window.H` holds
 * browser-page-entry.ts's exports, `window.H_WASM` both builds' bytes, `window.H_THREAD` a helper-thread URL,
 * `window.H_SRC` the script that defines `H` (for a worker: only a worker may wait for helper threads).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';

// localhost: a secure context, which cross-origin isolation needs (requests are answered by page.route, not a server).
const ORIGIN = 'http://localhost:9';

async function bundle(entry: string, globalName?: string): Promise<string> {
  const r = await build({
    entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
    bundle: true,
    format: 'iife',
    globalName,
    write: false,
    target: 'es2022',
  });
  return r.outputFiles[0]!.text;
}

export async function openKernelsPage(): Promise<{ page: Page; close: () => Promise<void> }> {
  const [main, thread] = await Promise.all([bundle('./browser-page-entry.ts', 'H'), bundle('./browser-thread-entry.ts')]);
  const wasm = (name: string) => readFileSync(new URL(`../../lib/llm/cpu/kernels/${name}`, import.meta.url)).toString('base64');
  const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
  const page = await browser.newPage();
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  await page.route(`${ORIGIN}/**`, (route) => {
    return route.fulfill({ headers, contentType: 'text/html', body: '<!doctype html><title>kernels</title>' });
  });
  await page.goto(`${ORIGIN}/`);
  await page.addScriptTag({ content: main });
  await page.evaluate(
    ([a, b, t, src]) => {
      const bytes = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
      // A blob worker inherits the page's cross-origin isolation (a routed script URL did not).
      const thread = URL.createObjectURL(new Blob([t], { type: 'text/javascript' }));
      Object.assign(window, { H_WASM: { simd128: bytes(a), relaxed: bytes(b) }, H_THREAD: thread, H_SRC: src });
    },
    [wasm('kernels.wasm'), wasm('kernels-relaxed.wasm'), thread, main] as const,
  );
  return { page, close: () => browser.close() };
}
