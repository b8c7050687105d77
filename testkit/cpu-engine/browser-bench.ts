/**
 * bench.ts in Chromium (where the relaxed SIMD build runs): each kernels build in a cross-origin-isolated page's
 * worker, against native llama.cpp (node-llama-cpp) on the same file and token ids, alternating in one run.
 * Usage: npx vite-node testkit/cpu-engine/browser-bench.ts -- FILE [--prompt 500] [--decode 32] [--threads 1,2]
 *        [--reps 2] [--batch 64] [--native DIR] [--wasm name=path,…] (default: simd128 and relaxed, as committed)
 *        [--profile]
 */
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { readGgufHeader } from '../../lib/gguf/read';

const args = process.argv.slice(2).filter((a) => a !== '--');
const opt = (k: string, d: string) => (args.includes(k) ? args[args.indexOf(k) + 1]! : d);
const file = args[0]!;
const promptLen = Number(opt('--prompt', '500')), decode = Number(opt('--decode', '32'));
const reps = Number(opt('--reps', '2')), batch = Number(opt('--batch', '64'));
const threadList = opt('--threads', '1,2').split(',').map(Number);
const nativeDir = opt('--native', '');
const profile = args.includes('--profile'); // per-kernel decode milliseconds per token (timing wrappers add a little)
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const wasms = new Map(
  opt('--wasm', `simd128=${here('../../lib/llm/cpu/kernels/kernels.wasm')},relaxed=${here('../../lib/llm/cpu/kernels/kernels-relaxed.wasm')}`)
    .split(',').map((s) => s.split('=') as [string, string]),
);

const bundle = async (entry: string) =>
  (await build({ entryPoints: [here(entry)], bundle: true, format: 'iife', write: false, target: 'es2022' })).outputFiles[0]!.text;
const scripts = { '/worker.js': await bundle('./browser-bench-worker.ts'), '/thread.js': await bundle('./browser-thread-entry.ts') };
const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const server = createServer((req, res) => {
  const path = req.url ?? '/';
  if (path in scripts) return res.writeHead(200, { ...headers, 'content-type': 'text/javascript' }).end(scripts[path as keyof typeof scripts]);
  if (path === '/model.gguf') {
    res.writeHead(200, { ...headers, 'content-type': 'application/octet-stream', 'content-length': statSync(file).size });
    return void createReadStream(file).pipe(res);
  }
  const wasm = wasms.get(path.slice(1));
  if (wasm) return res.writeHead(200, { ...headers, 'content-type': 'application/wasm' }).end(readFileSync(wasm));
  res.writeHead(200, { ...headers, 'content-type': 'text/html' }).end('<!doctype html><title>bench</title>');
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://localhost:${(server.address() as { port: number }).port}`;

const head = new Uint8Array(64 << 20);
const fd = (await import('node:fs')).openSync(file, 'r');
(await import('node:fs')).readSync(fd, head, 0, head.length, 0);
const nVocab = (readGgufHeader(head).metadata['tokenizer.ggml.tokens'] as unknown[]).length;
const prompt = Array.from({ length: promptLen }, (_, i) => 300 + ((i * 7919) % (nVocab - 300)));

const browser = await chromium.launch({ executablePath: '/usr/lib/chromium/chromium', args: ['--no-sandbox'] });
type Run = { prefill: number; decode: number; tokens: number[] };
async function ours(wasm: string, threads: number): Promise<Run[]> {
  const page = await browser.newPage();
  await page.goto(origin);
  const { runs, profile: prof } = await page.evaluate(
    (job) => new Promise<{ runs: Run[]; profile: [string, number][] }>((resolve, reject) => {
      const w = new Worker('/worker.js');
      w.onmessage = (e) => resolve(e.data);
      w.onerror = (e) => reject(new Error(e.message));
      w.postMessage(job);
    }),
    { wasm: `/${wasm}`, threads, prompt, decode, batch, reps, profile },
  );
  await page.close();
  if (profile)
    console.log(`  decode ms/token (${wasm}, ${threads} thread(s)): ${prof.sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
  return runs;
}

async function native(threads: number): Promise<Run[]> {
  const { getLlama } = await import(createRequire(`${nativeDir}/node_modules/`).resolve('node-llama-cpp'));
  const llama = await getLlama({ gpu: false, build: 'never' });
  const model = await llama.loadModel({ modelPath: file });
  const runs: Run[] = [];
  for (let r = 0; r < reps; r++) {
    const context = await model.createContext({ contextSize: promptLen + decode + 8, threads, batchSize: 512 });
    const tokens: number[] = [];
    const t0 = performance.now();
    let first = 0;
    for await (const t of context.getSequence().evaluate(prompt, { temperature: 0 })) {
      if (!tokens.length) first = performance.now();
      tokens.push(t);
      if (tokens.length > decode) break;
    }
    runs.push({ prefill: (promptLen * 1000) / (first - t0), decode: (decode * 1000) / (performance.now() - first), tokens });
    await context.dispose();
  }
  await model.dispose();
  return runs;
}

const fmt = (runs: Run[]) => runs.map((r) => `prefill ${r.prefill.toFixed(1)}, decode ${r.decode.toFixed(1)}`).join(' | ');
console.log(`${file}: prompt ${promptLen}, decode ${decode}, batch ${batch}, ${reps} reps (tok/s), Chromium`);
for (const threads of threadList) {
  let nat: Run[] | undefined;
  if (nativeDir) console.log(`llama.cpp      ${threads} thread(s): ${fmt((nat = await native(threads)))}`);
  for (const name of wasms.keys()) {
    const a = await ours(name, threads);
    const agree = nat ? a[0]!.tokens.findIndex((t, i) => t !== nat![0]!.tokens[i]) : -2;
    console.log(`hearth ${name.padEnd(8)} ${threads} thread(s): ${fmt(a)}${nat ? `  (greedy tokens = native for ${agree < 0 ? a[0]!.tokens.length : agree})` : ''}`);
  }
}
await browser.close();
server.close();
process.exit(0);
