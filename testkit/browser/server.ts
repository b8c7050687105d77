import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface TestServer {
  origin: string;
  /** Requests seen, by path. */
  hits: string[];
  close(): Promise<void>;
}

/** A local HTTP server for test pages and model files, on 127.0.0.1 only. */
export async function startServer(routes: Record<string, Route>): Promise<TestServer> {
  const hits: string[] = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(path);
    // Extension pages are cross-origin isolated (COEP require-corp): files they fetch need CORS.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    // A key ending in "/*" serves everything under that prefix.
    const route = routes[path] ?? Object.entries(routes).find(([k]) => k.endsWith('/*') && path.startsWith(k.slice(0, -1)))?.[1];
    if (!route) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    await route(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Serve bytes as a file. */
export function fileRoute(body: Buffer | string, type = 'application/octet-stream'): Route {
  return (_req, res) => {
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  };
}

/** Serve the files under `dir` for a "/prefix/*" route (read-only, no directory listing, no "..").*/
export function dirRoute(prefix: string, dir: string, headers: Record<string, string> = {}): Route {
  const types: Record<string, string> = { js: 'text/javascript', json: 'application/json', wasm: 'application/wasm', html: 'text/html', bin: 'application/octet-stream' };
  return async (req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(prefix.length));
    if (rel.includes('..')) {
      res.statusCode = 400;
      res.end();
      return;
    }
    const { readFile } = await import('node:fs/promises');
    try {
      const body = await readFile(`${dir}/${rel}`);
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.setHeader('Content-Type', types[rel.split('.').pop() ?? ''] ?? 'application/octet-stream');
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end('not found');
    }
  };
}
