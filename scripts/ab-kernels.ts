/**
 * A/B timing of kernels builds on the same matmuls, alternating runs so machine noise hits all alike.
 * Run: npx vite-node scripts/ab-kernels.ts A.wasm B.wasm [C.wasm …] [--browser] [--quick]
 * (prints G multiply-adds/s of each and time(X)/time(A); < 1 means X is faster). --browser runs them in Chromium (one
 * thread, the page's): the only place the relaxed SIMD build computes what it should (Node 20's is an old draft).
 */
import { readFileSync } from 'node:fs';
import { GgmlType as T } from '../lib/llm/cpu/kernel-api';
import { createNodeKernels } from '../lib/llm/cpu/kernels/node-kernels';
import { createRandom, randomTensor } from '../lib/llm/cpu/kernels/oracle';
import { openKernelsPage } from '../testkit/cpu-engine/browser-kernels-page';

const args = process.argv.slice(2).filter((a) => a !== '--');
const files = args.filter((a) => !a.startsWith('--'));
const browser = args.includes('--browser'), quick = args.includes('--quick');
type Case = [string, number, number, number, number];
// Qwen2.5-0.5B's and SmolLM2-360M's FFN matrices (most of a prompt's time): one token, and a prompt batch of 64 on
// 256 of their rows (what a thread's chunks add up to; a call short enough to run within one scheduler time slice
// on a busy machine, where the best of many calls is then still the speed with the core to itself).
const cases: Case[] = [
  ['Q4_0', T.Q4_0, 4864, 896, 1], ['Q4_0', T.Q4_0, 256, 896, 64], ['Q4_0', T.Q4_0, 256, 4864, 64],
  ['Q8_0', T.Q8_0, 2560, 960, 1], ['Q8_0', T.Q8_0, 256, 960, 64], ['Q8_0', T.Q8_0, 256, 2560, 61],
  ['Q4_K', T.Q4_K, 2560, 1024, 1], ['Q4_K', T.Q4_K, 256, 1024, 64], ['Q4_1', T.Q4_1, 256, 1024, 64],
  ['Q6_K', T.Q6_K, 2560, 1024, 1], ['Q6_K', T.Q6_K, 256, 1024, 64], ['Q5_0', T.Q5_0, 256, 1024, 64],
];
const rounds = quick ? 8 : 30;

/** Best ms per call of each build for one case (runs in Node, or in the page where it is serialized). */
async function timeCase(make: (i: number) => Promise<any>, n: number, c: Case, rounds: number, rnd: () => number, randomTensor: any) {
  const [, type, rows, cols, tokens] = c;
  const data = randomTensor(type, rows, cols, rnd);
  const setups = [];
  for (let i = 0; i < n; i++) {
    const k = await make(i);
    const m = k.loadMatrix(type, data, rows, cols);
    const x = k.alloc(tokens * cols * 4);
    k.f32(x, tokens * cols).forEach((_: number, j: number, a: Float32Array) => (a[j] = Math.sin(j)));
    const out = k.alloc(tokens * rows * 4);
    setups.push({ k, run: () => k.matmul(m, x, tokens, out) });
  }
  for (const s of setups) for (let j = 0; j < 3; j++) s.run(); // V8 tiers hot wasm functions up from its baseline compiler
  const best = setups.map(() => Infinity);
  for (let round = 0; round < rounds; round++)
    setups.forEach((s, i) => {
      const t0 = performance.now();
      for (let j = 0; j < 2; j++) s.run();
      best[i] = Math.min(best[i]!, (performance.now() - t0) / 2);
    });
  setups.forEach((s) => s.k.dispose());
  return best;
}

const show = ([name, , rows, cols, tokens]: Case, best: number[]) => {
  const g = (ms: number) => ((rows * cols * tokens) / ms / 1e6).toFixed(2);
  const each = best.map((b, i) => `${String.fromCharCode(65 + i)} ${g(b)}${i ? ` (${(b / best[0]!).toFixed(2)})` : ''}`);
  console.log(`${name} ${rows}x${cols} t=${tokens}: ${each.join(', ')} G/s, best of ${rounds} (time/A's)`);
};

const wasm = files.map((f) => new Uint8Array(readFileSync(f)));
if (browser) {
  const { page, close } = await openKernelsPage();
  for (const c of cases) {
    const best = await page.evaluate(
      async ({ c, builds, rounds, timeCase }) => {
        const H = (window as any).H;
        const w = window as any; // one module per build for every case: tiered-up code is kept
        const mods = (w.AB_MODS ??= builds.map((s) => new WebAssembly.Module(Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0)))));
        const make = (i: number) => H.createWasmKernels({ module: mods[i], threads: 1, spawnThread: () => { throw new Error('no helpers'); } });
        // eslint-disable-next-line no-new-func
        return new Function(`return ${timeCase}`)()(make, mods.length, c, rounds, H.createRandom(3), H.randomTensor);
      },
      { c, builds: wasm.map((b) => Buffer.from(b).toString('base64')), rounds, timeCase: timeCase.toString() },
    );
    show(c, best);
  }
  await close();
} else {
  for (const c of cases) show(c, await timeCase((i) => createNodeKernels(1, wasm[i] as Uint8Array<ArrayBuffer>), wasm.length, c, rounds, createRandom(3), randomTensor));
}
process.exit(0);
