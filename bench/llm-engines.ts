import type { Page } from 'playwright-core';
import { generateInExtension, selectModel } from './extension';

/** What every engine is given, so they all run the same work. */
export interface LoadSettings {
  contextTokens: number;
  /** Unset: the engine's own choice. */
  threads?: number;
  batchTokens: number;
}

export interface EngineRun {
  text: string;
  /** Request sent → first token back. */
  ttftMs: number;
  /** Prompt tokens actually read for this request (not found in the KV cache); null when the engine does not say. */
  promptTokens: number | null;
  prefillTokensPerSec: number | null;
  decodeTokensPerSec: number | null;
}

/** One row of the LLM table: the extension, a bare engine in a plain page, or native llama.cpp. */
export interface BenchEngine {
  name: string;
  label: string;
  load(s: LoadSettings): Promise<{ loadMs: number }>;
  generate(prompt: string, maxTokens: number): Promise<EngineRun>;
  close(): Promise<void>;
}

/** Hearth itself: popup → generate port → offscreen host → its CPU engine (or wllama, for models it does not run). */
export function createExtensionEngine(popup: Page, modelUrl: string): BenchEngine {
  const engine: BenchEngine = {
    name: 'extension',
    label: 'extension (Hearth)',
    async load(s) {
      await selectModel(popup, modelUrl, s.contextTokens, s.threads);
      const cold = await generateInExtension(popup, 'warm up', 1); // downloads into the cache and loads
      // The offscreen host notes which runtime took the model; extension pages share its localStorage.
      const runtime = await popup.evaluate(() => JSON.parse(localStorage.getItem('hearth.llmRuntime') ?? 'null') as { engine?: string; kernels?: string } | null);
      engine.label = runtime?.engine === 'cpu' ? `extension (Hearth, its CPU engine, ${runtime.kernels} kernels)` : `extension (Hearth, ${runtime?.engine ?? 'unknown'} engine)`;
      return { loadMs: cold.stats.loadMs ?? Number.NaN };
    },
    async generate(prompt, maxTokens) {
      const e = await generateInExtension(popup, prompt, maxTokens);
      return { text: e.text, ttftMs: e.ttftMs, promptTokens: e.stats.promptTokens, prefillTokensPerSec: e.stats.prefillTokensPerSec ?? null, decodeTokensPerSec: e.stats.decodeTokensPerSec ?? null };
    },
    async close() {},
  };
  return engine;
}

type PlainApi = {
  load(url: string, s: LoadSettings): Promise<{ loadMs: number }>;
  generate(prompt: string, maxTokens: number): Promise<EngineRun>;
};

/** A bare engine in a plain web page (bench/plain/<name>.js, which sets `window.bench` to a PlainApi). */
export function createPlainPageEngine(name: string, label: string, page: Page, modelUrl: string): BenchEngine {
  return {
    name: `plain:${name}`,
    label,
    load: (s) => page.evaluate(([url, s]) => (window as never as { bench: PlainApi }).bench.load(url, s), [modelUrl, s] as const),
    generate: (prompt, maxTokens) => page.evaluate(([p, n]) => (window as never as { bench: PlainApi }).bench.generate(p, n), [prompt, maxTokens] as const),
    close: () => page.close(),
  };
}
