// The worker side of browser-bench.ts (bundled by esbuild): load the GGUF with the given kernels build, read the
// prompt in batches, decode greedily, post the speeds back.
import { createWasmKernels } from '../../lib/llm/cpu/kernels/wasm-kernels';
import { inMemoryGguf } from '../models/in-memory-gguf';
import { loadModel } from '../../lib/llm/cpu/load-model';
import { createForward } from '../../lib/llm/cpu/forward';
import { timeForward } from './time-forward';
import type { Kernels, Matrix } from '../../lib/llm/cpu/kernel-api';

interface Job { wasm: string; threads: number; prompt: number[]; decode: number; batch: number; reps: number; profile: boolean }

/** Milliseconds per kernel call kind (matmuls by output rows), for the prompt and the decode steps of the last rep. */
function profiled(k: Kernels, ms: Map<string, number>): Kernels {
  const timed = <A extends unknown[], R>(name: (...a: A) => string, f: (...a: A) => R) => (...a: A): R => {
    const t0 = performance.now();
    const r = f(...a);
    const key = name(...a);
    ms.set(key, (ms.get(key) ?? 0) + performance.now() - t0);
    return r;
  };
  const wrap: Partial<Kernels> = {};
  for (const n of ['rmsNorm', 'addBias', 'rope', 'attention', 'siluMul', 'add', 'getRow'] as const)
    (wrap as Record<string, unknown>)[n] = timed(() => n, (k[n] as (...a: unknown[]) => unknown).bind(k));
  wrap.matmul = timed((m: Matrix, ..._rest: unknown[]) => `matmul ${m.rows}x${m.cols}`, k.matmul.bind(k) as (m: Matrix, ...r: unknown[]) => void);
  wrap.matmuls = timed((ms: readonly Matrix[], ..._rest: unknown[]) => `matmuls ${ms.map((m) => m.rows).join('+')}x${ms[0]!.cols}`,
    k.matmuls.bind(k) as (ms: readonly Matrix[], ...r: unknown[]) => void);
  return { ...k, alloc: k.alloc.bind(k), f32: k.f32.bind(k), i32: k.i32.bind(k), ...wrap } as Kernels;
}

self.onmessage = async (e: MessageEvent<Job>) => {
  const { wasm, threads, prompt, decode, batch, reps, profile } = e.data;
  const module = await WebAssembly.compile(await (await fetch(wasm)).arrayBuffer());
  const raw = await createWasmKernels({ module, threads, spawnThread: () => new Worker('/thread.js') });
  const ms = new Map<string, number>();
  const kernels = profile ? profiled(raw, ms) : raw;
  const { header, read } = inMemoryGguf(new Uint8Array(await (await fetch('/model.gguf')).arrayBuffer()));
  const forward = createForward(kernels, await loadModel(header, read, kernels), prompt.length + decode + 8, batch);
  const runs = [];
  let prefill = new Map<string, number>();
  for (let r = 0; r < reps; r++) {
    ms.clear();
    runs.push(timeForward(forward, prompt, decode, batch, () => { prefill = new Map(ms); ms.clear(); }));
  }
  raw.dispose();
  // Prompt: milliseconds per prompt token; decode: per decoded token.
  self.postMessage({ runs, profile: [...ms].map(([k, v]) => [k, v / decode]), prefillProfile: [...prefill].map(([k, v]) => [k, v / prompt.length]) });
};
