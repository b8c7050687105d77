/**
 * A/B timing of two kernels.wasm builds on the same matmuls, alternating runs so machine noise hits both alike.
 * Run: npx vite-node scripts/ab-kernels.ts A.wasm B.wasm  (prints time(B)/time(A) per case; < 1 means B is faster)
 */
import { readFileSync } from 'node:fs';
import { GgmlType as T } from '../lib/llm/cpu/kernel-api';
import { createNodeKernels } from '../lib/llm/cpu/kernels/node-kernels';
import { createRandom, randomTensor } from '../lib/llm/cpu/kernels/oracle';

const [fa, fb] = process.argv.slice(2);
const rnd = createRandom(3);
const cases: [string, number, number, number, number][] = [
  ['Q8_0', T.Q8_0, 2560, 960, 1], ['Q8_0', T.Q8_0, 2560, 960, 16], ['Q8_0', T.Q8_0, 2560, 960, 64],
  ['Q4_K', T.Q4_K, 2560, 1024, 1], ['Q4_K', T.Q4_K, 2560, 1024, 16], ['Q6_K', T.Q6_K, 2560, 1024, 16],
  ['Q4_K', T.Q4_K, 2048, 8192, 64], ['Q8_0', T.Q8_0, 8192, 2048, 64],
];
const ks = [await createNodeKernels(1, new Uint8Array(readFileSync(fa!))), await createNodeKernels(1, new Uint8Array(readFileSync(fb!)))];
for (const [name, type, rows, cols, tokens] of cases) {
  const data = randomTensor(type, rows, cols, rnd);
  const setups = ks.map((k) => {
    const m = k.loadMatrix(type, data, rows, cols);
    const x = k.alloc(tokens * cols * 4);
    k.f32(x, tokens * cols).forEach((_, i, a) => (a[i] = Math.sin(i)));
    const out = k.alloc(tokens * rows * 4);
    return () => k.matmul(m, x, tokens, out);
  });
  const best = [Infinity, Infinity];
  for (let round = 0; round < 40; round++)
    setups.forEach((run, i) => {
      const t0 = performance.now();
      for (let j = 0; j < 2; j++) run();
      best[i] = Math.min(best[i]!, (performance.now() - t0) / 2);
    });
  const g = (ms: number) => ((rows * cols * tokens) / ms / 1e6).toFixed(2);
  console.log(`${name} ${rows}x${cols} t=${tokens}: A ${g(best[0]!)} B ${g(best[1]!)} G/s (best of 40), B/A time ${(best[1]! / best[0]!).toFixed(2)}`);
}
ks.forEach((k) => k.dispose());
