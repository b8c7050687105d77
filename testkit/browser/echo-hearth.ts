import { afterAll, beforeAll } from 'vitest';
import { launchHearth, type Hearth } from './launch';
import { fileRoute, startServer, type TestServer } from './server';
import { chooseTinyModel } from './summary';
import { makeTinyLlamaGguf } from '../models/tiny-llama-gguf';

/** A minimal HTML page. */
export const htmlDoc = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/**
 * For one test file: a local server with the tiny echo model (its answer depends on what it read) and `pages`
 * (path → HTML), and one Hearth browser with that model chosen; both closed after the file. The tiny model's small
 * vocabulary makes about a token per 2 characters: `contextLength` gives room for a page, its summary and a question.
 */
export function useEchoHearth(pages: Record<string, string>, { contextLength = 2048 } = {}): { readonly hearth: Hearth; readonly server: TestServer } {
  let hearth: Hearth;
  let server: TestServer;
  beforeAll(async () => {
    const routes = Object.fromEntries(Object.entries(pages).map(([path, html]) => [path, fileRoute(html, 'text/html; charset=utf-8')]));
    server = await startServer({ '/echo.gguf': fileRoute(makeTinyLlamaGguf({ echo: true, contextLength })), ...routes });
    hearth = await launchHearth();
    await chooseTinyModel(hearth, `${server.origin}/echo.gguf`);
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
