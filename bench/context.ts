import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../testkit/browser/server';
import { makeTinyLlamaGguf } from '../testkit/models/tiny-llama-gguf';
import { openPopup } from '../testkit/browser/popup';
import type { BenchOptions } from './options';
import { PLAIN_ENGINES, plainEngineRoutes, type PlainEngineSpec } from './plain-engines';
import { modelSource, type ModelSource } from './model-source';

export interface BenchContext {
  hearth: Hearth;
  server: TestServer;
  /** An extension page (the popup, opened in a tab): where the extension-side measurements run. */
  popup: Page;
  /** One plain web page per bare engine (bench/plain-engines.ts). */
  plainPages: Array<{ spec: PlainEngineSpec; page: Page }>;
  modelUrl: string;
  model: ModelSource;
  tinyUrl: string;
  close(): Promise<void>;
}

export async function createBenchContext(o: BenchOptions): Promise<BenchContext> {
  const model = modelSource(o);
  const server = await startServer({
    ...(model.route ? { '/model.gguf': model.route } : {}),
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf()),
    ...(await plainEngineRoutes()),
  });
  const hearth = await launchHearth({ args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
  const popup = await openPopup(hearth);
  const plainPages = [];
  for (const spec of PLAIN_ENGINES) {
    const page = await hearth.context.newPage();
    await page.goto(`${server.origin}/plain/${spec.name}.html`);
    await page.waitForFunction(() => 'bench' in window);
    plainPages.push({ spec, page });
  }
  return {
    hearth,
    server,
    popup,
    plainPages,
    model,
    modelUrl: model.url ?? `${server.origin}/model.gguf`,
    tinyUrl: `${server.origin}/tiny.gguf`,
    async close() {
      await hearth.close();
      await server.close();
    },
  };
}
