import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../tests/helpers/launch';
import { fileRoute, startServer, type Route, type TestServer } from '../tests/helpers/server';
import { makeTinyLlamaGguf } from '../tests/helpers/make-tiny-llama-gguf.mjs';
import { openPopup } from '../tests/helpers/popup';
import type { BenchOptions } from './options';

const WLLAMA = resolve(import.meta.dirname, '../node_modules/@wllama/wllama/esm');

/** Same headers as extension pages get from the manifest, so the plain page is cross-origin isolated too. */
const isolated = (route: Route): Route => (req, res) => {
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  return route(req, res);
};

export interface BenchContext {
  hearth: Hearth;
  server: TestServer;
  /** An extension page (the popup, opened in a tab): where the extension-side measurements run. */
  popup: Page;
  /** A plain web page with the same wllama build: where the bare-library measurements run. */
  plain: Page;
  modelUrl: string;
  /** The default model's exact greedy answer, when the bench generated the model itself. */
  expectedText?: (tokens: number) => string;
  tinyUrl: string;
  close(): Promise<void>;
}

const WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];

export async function createBenchContext(o: BenchOptions): Promise<BenchContext> {
  // Default: a generated 25M-parameter counting model (F32, ~100 MB) — big enough that decoding does real work,
  // and its greedy answer is known exactly, so the text printed can be checked.
  const generated = o.model ? null : makeTinyLlamaGguf({ loop: true, nEmbd: 512, nLayer: 8, nFf: 1536, nCtx: 4096 });
  const localModel = o.model && !/^https?:/.test(o.model) ? readFileSync(o.model) : null;
  const server = await startServer({
    '/model.gguf': fileRoute(generated ?? localModel ?? Buffer.alloc(0)),
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf()),
    '/plain.html': isolated(fileRoute(readFileSync(resolve(import.meta.dirname, 'plain-page.html')), 'text/html')),
    '/plain-page.js': isolated(fileRoute(readFileSync(resolve(import.meta.dirname, 'plain-page.js')), 'text/javascript')),
    '/wllama/index.js': isolated(fileRoute(readFileSync(`${WLLAMA}/index.js`), 'text/javascript')),
    '/wllama/wllama.wasm': isolated(fileRoute(readFileSync(`${WLLAMA}/wasm/wllama.wasm`), 'application/wasm')),
  });
  const hearth = await launchHearth({ args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  const popup = await openPopup(hearth);
  const plain = await hearth.context.newPage();
  await plain.goto(`${server.origin}/plain.html`);
  await plain.waitForFunction(() => 'bench' in window);
  const modelUrl = o.model && /^https?:/.test(o.model) ? o.model : `${server.origin}/model.gguf`;
  return {
    hearth,
    server,
    popup,
    plain,
    modelUrl,
    tinyUrl: `${server.origin}/tiny.gguf`,
    expectedText:
      generated && o.prompt.trim().split(/\s+/).at(-1) === 'three'
        ? (n) => Array.from({ length: n }, (_, i) => ` ${WORDS[(i + 3) % 20]}`).join('')
        : undefined,
    async close() {
      await hearth.close();
      await server.close();
    },
  };
}
