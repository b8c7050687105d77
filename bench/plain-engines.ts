// Bare engines in plain web pages: the libraries without the extension around them. To add one, write
// bench/plain/<name>.js (it sets window.bench = {load, generate}, see bench/llm-engines.ts PlainApi) and add an
// entry here with the files it imports; the LLM part then runs it as one more row, on the same model and prompts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileRoute, type Route } from '../tests/helpers/server';

const ROOT = resolve(import.meta.dirname, '..');

export interface PlainEngineSpec {
  name: string;
  label: string;
  /** URL path → file (relative to the repository) that the engine's script imports. */
  files: Record<string, string>;
}

export const PLAIN_ENGINES: PlainEngineSpec[] = [
  {
    name: 'wllama',
    label: 'wllama in a plain page (old engine)',
    files: { '/wllama/index.js': 'node_modules/@wllama/wllama/esm/index.js', '/wllama/wllama.wasm': 'node_modules/@wllama/wllama/esm/wasm/wllama.wasm' },
  },
];

/** Same headers as extension pages get from the manifest, so the plain pages are cross-origin isolated too. */
const isolated = (route: Route): Route => (req, res) => {
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  return route(req, res);
};
const TYPES: Record<string, string> = { js: 'text/javascript', wasm: 'application/wasm', html: 'text/html' };
const serve = (body: Buffer | string, path: string) => isolated(fileRoute(body, TYPES[path.split('.').pop()!] ?? 'application/octet-stream'));

/** Routes for every plain engine: /plain/<name>.html (a page that runs bench/plain/<name>.js) and its files. */
export function plainEngineRoutes(engines = PLAIN_ENGINES): Record<string, Route> {
  const routes: Record<string, Route> = {};
  for (const e of engines) {
    const html = `<!doctype html><meta charset="utf-8"><title>Hearth bench: ${e.label}</title><script type="module" src="/plain/${e.name}.js"></script>`;
    routes[`/plain/${e.name}.html`] = serve(html, '.html');
    routes[`/plain/${e.name}.js`] = serve(readFileSync(resolve(ROOT, `bench/plain/${e.name}.js`)), '.js');
    for (const [path, file] of Object.entries(e.files)) routes[path] = serve(readFileSync(resolve(ROOT, file)), path);
  }
  return routes;
}
