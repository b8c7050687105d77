// The bare library in a plain page: Hearth's CPU engine (lib/llm/cpu) as the offscreen host creates it — the same
// createCpuEngine, the same `?worker` worker and wasm kernels — with no extension around it: no host, no ports, no
// GGUF cache (the model is fetched into a Blob). bench/plain-engines.ts builds this file with Vite (build.ts).
// Contract of every plain page: window.bench = {load, generate} (bench/llm-engines.ts, PlainApi).
import { createCpuEngine } from '../../../lib/llm/cpu/cpu-engine';
import { defaultCpuThreads } from '../../../lib/llm/cpu/threads';
import { spawnCpuWorker } from '../../../lib/llm/cpu/spawn-cpu-worker';
import type { LlmEngine } from '../../../lib/llm/engine';
import type { CpuModelInfo } from '../../../lib/llm/cpu/worker-protocol';
import type { EngineRun, LoadSettings } from '../../llm-engines';

let engine: LlmEngine | null = null;
/** Which kernels took the model: a plain page that is not cross-origin isolated would fall back to the JS ones. */
let loaded: CpuModelInfo | null = null;

const bench = {
  async load(modelUrl: string, { contextTokens, threads }: LoadSettings) {
    const t0 = performance.now();
    const blob = await (await fetch(modelUrl)).blob();
    engine = createCpuEngine({
      cache: { open: async () => blob, download: () => Promise.reject(new Error('The plain page has no download cache.')) },
      createWorker: spawnCpuWorker,
      // The extension's default when the bench sets none.
      threads: defaultCpuThreads(),
      onLoaded: (_id, info) => (loaded = info),
    });
    await engine.load({ id: 'bench', label: 'bench model', engine: 'cpu', source: modelUrl, contextTokens, custom: true, ...(threads ? { threads } : {}) }, () => {});
    if (!loaded?.kernels.startsWith('wasm')) throw new Error(`The plain page ran the ${loaded?.kernels} kernels, not WebAssembly ones: is it cross-origin isolated?`);
    return { loadMs: performance.now() - t0, ...loaded };
  },
  async generate(prompt: string, maxTokens: number): Promise<EngineRun> {
    if (!engine) throw new Error('Call load first.');
    const t0 = performance.now();
    let first: number | null = null;
    let text = '';
    // The first reading report says how much of the prompt the KV cache held (cpu-engine.ts): the rest was read.
    let reused: number | null = null;
    const stats = await engine.generate(
      { input: { kind: 'completion', prompt }, options: { temperature: 0, maxTokens } },
      (piece) => {
        first ??= performance.now();
        text += piece;
      },
      new AbortController().signal,
      (p) => (reused ??= p.doneTokens),
    );
    return {
      text,
      ttftMs: (first ?? performance.now()) - t0,
      promptTokens: stats.promptTokens - (reused ?? 0),
      prefillTokensPerSec: stats.prefillTokensPerSec ?? null,
      decodeTokensPerSec: stats.decodeTokensPerSec ?? null,
    };
  },
};

(window as unknown as { bench: typeof bench }).bench = bench;
