// Bare engines in plain web pages: the libraries without the extension around them. To add one, write
// bench/plain/<name>.js (it sets window.bench = {load, generate}, see bench/llm-engines.ts PlainApi) and add an
// entry here with the files it imports, or a `build` that bundles a TypeScript entry; the LLM part then runs it as one
// more row, on the same model and prompts. The first entry is the one the extension's text is checked against.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileRoute, type Route } from '../testkit/browser/server';
import { buildHearthCpuPage } from './plain/hearth-cpu/build';

const ROOT = resolve(import.meta.dirname, '..');

export interface PlainEngineSpec {
  name: string;
  label: string;
  /** URL path → file (relative to the repository) that the engine's script imports. */
  files: Record<string, string>;
  /** For a page script that must be bundled: builds it, returns URL path → built file; the page runs `script`. */
  build?(): Promise<Record<string, string>>;
  /** URL of the page's module script; default /plain/<name>.js, served from bench/plain/<name>.js. */
  script?: string;
}

export const PLAIN_ENGINES: PlainEngineSpec[] = [
  {
    // The extension's own engine (lib/llm/cpu), so extension ÷ this row is what the extension costs around it.
    name: 'hearth-cpu',
    label: 'Hearth CPU engine in a plain page',
    files: {},
    build: () => buildHearthCpuPage('/hearth-cpu/'),
    script: '/hearth-cpu/entry.js',
  },
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

/** Routes for every plain engine: /plain/<name>.html (a page that runs its script) and its files, built first if need be. */
export async function plainEngineRoutes(engines = PLAIN_ENGINES): Promise<Record<string, Route>> {
  const routes: Record<string, Route> = {};
  for (const e of engines) {
    const script = e.script ?? `/plain/${e.name}.js`;
    const html = `<!doctype html><meta charset="utf-8"><title>Hearth bench: ${e.label}</title><script type="module" src="${script}"></script>`;
    routes[`/plain/${e.name}.html`] = serve(html, '.html');
    if (!e.script) routes[script] = serve(readFileSync(resolve(ROOT, `bench/plain/${e.name}.js`)), '.js');
    const files = { ...e.files, ...(await e.build?.()) };
    for (const [path, file] of Object.entries(files)) routes[path] = serve(readFileSync(resolve(ROOT, file)), path);
  }
  return routes;
}
