import { afterAll, beforeAll } from 'vitest';
import { launchHearth, type Hearth } from './launch';
import { fileRoute, startServer, type TestServer } from './server';
import { chooseTinyModel } from './summary';

/**
 * For one test file: a local server with `model` (a tiny GGUF, at /model.gguf) and `pages` (path → HTML), and one
 * Hearth browser with that model chosen; both closed after the file. Read `hearth` and `server` inside tests (they are
 * there from beforeAll on).
 */
export function useModelHearth(model: Buffer, pages: Record<string, string> = {}): { readonly hearth: Hearth; readonly server: TestServer } {
  let hearth: Hearth;
  let server: TestServer;
  beforeAll(async () => {
    const routes = Object.fromEntries(Object.entries(pages).map(([path, html]) => [path, fileRoute(html, 'text/html; charset=utf-8')]));
    server = await startServer({ '/model.gguf': fileRoute(model), ...routes });
    hearth = await launchHearth();
    await chooseTinyModel(hearth, `${server.origin}/model.gguf`);
  }, 180_000);
  afterAll(async () => {
    await hearth?.close();
    await server?.close();
  });
  return {
    get hearth() {
      return hearth;
    },
    get server() {
      return server;
    },
  };
}
