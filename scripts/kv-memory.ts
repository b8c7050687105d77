/**
 * KV cache memory at real model shapes, fp16 against f32: the formula (forward.ts kvBytesPerToken) and what the
 * wasm kernels' memory really grows by when one slot is first used, then the process's resident memory once every
 * position of that slot is written (pages are only resident once touched). First, the whole engine's memory for the
 * model at a 4,096-token context with the default KV type and one slot: the weights as loaded (repacked), the
 * activations, the kernels' scratch and the cache (the wasm memory's top, which is what the browser really holds).
 * Usage: npx vite-node scripts/kv-memory.ts -- GGUF... (e.g. the bench's ~/.cache/hearth/models/sized-*.gguf)
 */
import { openSync, readSync, fstatSync } from 'node:fs';
import { createNodeKernels } from '../lib/llm/cpu/kernels/node-kernels';
import { loadModel } from '../lib/llm/cpu/load-model';
import { createForward, DEFAULT_KV_TYPE, kvBytesPerToken, type KvType } from '../lib/llm/cpu/forward';
import { readGgufHeader } from '../lib/gguf/read';

const MIB = 1024 * 1024;
const files = process.argv.slice(2).filter((a) => a !== '--');

for (const file of files) {
  const fd = openSync(file, 'r');
  const read = async (start: number, end: number) => {
    const buf = new Uint8Array(end - start);
    readSync(fd, buf, 0, buf.length, start);
    return buf;
  };
  const head = await read(0, Math.min(fstatSync(fd).size, 16 * MIB));
  const header = readGgufHeader(head);
  const kernels = await createNodeKernels(1);
  const weights = await loadModel(header, read, kernels);
  console.log(`${file.split('/').at(-1)}: ${weights.config.nLayer} layers, ${weights.config.nKvHead} KV heads of ${weights.config.headDim}`);
  const loaded = kernels.alloc(16);
  const whole = createForward(kernels, weights, 4096, 64, 1);
  whole.run([1], 0, 0);
  const top = kernels.alloc(16);
  console.log(`  file ${(fstatSync(fd).size / MIB).toFixed(0)} MiB; engine memory at 4,096 positions (${DEFAULT_KV_TYPE} KV, 1 slot): ${(top / MIB).toFixed(0)} MiB (weights as loaded ${(loaded / MIB).toFixed(0)} MiB)`);
  for (const nCtx of [4096, 8192])
    for (const type of ['f16', 'f32'] as KvType[]) {
      const forward = createForward(kernels, weights, nCtx, 64, 2, type);
      forward.run([1], 0, 0); // the first run also sizes the kernels' scratch: measure the second slot
      const before = kernels.alloc(16);
      forward.run([1], 0, 1); // a slot's cache is allocated on its first use
      const after = kernels.alloc(16);
      const rss0 = process.memoryUsage().rss;
      kernels.f32(before + 16, (after - before - 16) / 4).fill(1e-3); // every position written
      const rss1 = process.memoryUsage().rss;
      const formula = nCtx * kvBytesPerToken(weights.config, type);
      const grew = after - before - 16;
      console.log(
        `  ${nCtx} positions, ${type}: formula ${(formula / MIB).toFixed(1)} MiB; kernels' memory grew ${(grew / MIB).toFixed(1)} MiB; ` +
          `resident once written +${((rss1 - rss0) / MIB).toFixed(1)} MiB`,
      );
    }
  kernels.dispose();
}
process.exit(0);
