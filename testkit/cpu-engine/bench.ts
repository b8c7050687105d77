/**
 * Prompt reading and decoding speed of the CPU engine on a GGUF file, in Node, against native llama.cpp
 * (node-llama-cpp) on the same file and the same token ids, alternating runs so both see the same machine load.
 * Usage: npx vite-node testkit/cpu-engine/bench.ts -- FILE [--prompt 500] [--decode 32] [--threads 1,2]
 *        [--batch 64] [--native DIR_WITH_node_modules] [--reps 2]
 */
import { openSync, readSync, fstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import { readGgufHeader } from '../../lib/gguf/read';
import { loadModel } from '../../lib/llm/cpu/load-model';
import { createForward } from '../../lib/llm/cpu/forward';
import { timeForward } from './time-forward';
import { createNodeKernels } from '../../lib/llm/cpu/kernels/node-kernels';

const args = process.argv.slice(2).filter((a) => a !== '--');
const opt = (k: string, d: string) => (args.includes(k) ? args[args.indexOf(k) + 1]! : d);
const file = args[0]!;
const promptLen = Number(opt('--prompt', '500'));
const decodeLen = Number(opt('--decode', '32'));
const threadList = opt('--threads', '1,2').split(',').map(Number);
const batch = Number(opt('--batch', '64'));
const reps = Number(opt('--reps', '2'));
const nativeDir = opt('--native', '');

const fd = openSync(file, 'r');
const readRange = async (start: number, end: number) => {
  const buf = new Uint8Array(end - start);
  readSync(fd, buf, 0, buf.length, start);
  return buf;
};
const header = readGgufHeader(await readRange(0, Math.min(fstatSync(fd).size, 64 << 20)));
const nVocab = (header.metadata['tokenizer.ggml.tokens'] as unknown[]).length;
// Ordinary tokens, spread over the vocabulary (the first few hundred are control and byte tokens).
const prompt = Array.from({ length: promptLen }, (_, i) => 300 + ((i * 7919) % (nVocab - 300)));
const nCtx = promptLen + decodeLen + 8;

async function ours(threads: number) {
  const kernels = await createNodeKernels(threads);
  const weights = await loadModel(header, readRange, kernels);
  const forward = createForward(kernels, weights, nCtx, batch);
  const runs = [];
  for (let r = 0; r < reps; r++) runs.push(timeForward(forward, prompt, decodeLen, batch));
  kernels.dispose();
  return runs;
}

async function native(threads: number) {
  const require = createRequire(`${nativeDir}/node_modules/`);
  const { getLlama } = await import(require.resolve('node-llama-cpp'));
  const llama = await getLlama({ gpu: false, build: 'never' });
  const model = await llama.loadModel({ modelPath: file });
  const runs = [];
  for (let r = 0; r < reps; r++) {
    const context = await model.createContext({ contextSize: nCtx, threads, batchSize: 512 });
    const sequence = context.getSequence();
    const tokens: number[] = [];
    const t0 = performance.now();
    let first = 0;
    for await (const token of sequence.evaluate(prompt, { temperature: 0 })) {
      if (tokens.length === 0) first = performance.now();
      tokens.push(token);
      if (tokens.length > decodeLen) break;
    }
    const end = performance.now();
    runs.push({ prefill: (prompt.length * 1000) / (first - t0), decode: (decodeLen * 1000) / (end - first), tokens });
    await context.dispose();
  }
  await model.dispose();
  return runs;
}

const fmt = (runs: { prefill: number; decode: number }[]) =>
  runs.map((r) => `prefill ${r.prefill.toFixed(1)} tok/s, decode ${r.decode.toFixed(1)} tok/s`).join(' | ');
console.log(`${file}: prompt ${promptLen} tokens, decode ${decodeLen}, batch ${batch}, ${reps} reps`);
for (const threads of threadList) {
  const a = await ours(threads);
  console.log(`hearth cpu  ${threads} thread(s): ${fmt(a)}`);
  if (nativeDir) {
    const b = await native(threads);
    console.log(`llama.cpp   ${threads} thread(s): ${fmt(b)}`);
    const same = a[0]!.tokens.findIndex((t, i) => t !== b[0]!.tokens[i]);
    console.log(`  greedy tokens agree for the first ${same < 0 ? a[0]!.tokens.length : same} of ${a[0]!.tokens.length}`);
  }
}
process.exit(0);
