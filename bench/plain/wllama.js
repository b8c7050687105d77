// The bare library in a plain page: the same wllama build, wasm, model and parameters as Hearth's Wasm engine (the
// old CPU engine, kept as the baseline row). Contract of every bench/plain/*.js: set window.bench = {load, generate}
// (bench/llm-engines.ts, PlainApi).
import { Wllama } from '/wllama/index.js';

let wllama = null;

window.bench = {
  async load(modelUrl, { contextTokens, threads, batchTokens }) {
    const t0 = performance.now();
    const blob = await (await fetch(modelUrl)).blob();
    wllama = new Wllama({ default: '/wllama/wllama.wasm' }, { suppressNativeLog: true });
    wllama.setCompat(null);
    await wllama.loadModel([blob], { n_ctx: contextTokens, n_gpu_layers: 0, n_batch: batchTokens, ...(threads ? { n_threads: threads } : {}) });
    return { loadMs: performance.now() - t0 };
  },
  async generate(prompt, maxTokens) {
    const t0 = performance.now();
    let first = null;
    let text = '';
    let last = null;
    const stream = await wllama.createCompletion({
      prompt, stream: true, max_tokens: maxTokens, temperature: 0,
      top_k: 1, penalty_repeat: 1, penalty_freq: 0, penalty_present: 0,
    });
    for await (const chunk of stream) {
      const piece = chunk.choices?.[0]?.text ?? '';
      if (piece) {
        first ??= performance.now();
        text += piece;
      }
      last = chunk;
    }
    return {
      text,
      ttftMs: first - t0,
      // prompt_n counts only the tokens read now (a prefix found in the KV cache is cache_n)
      promptTokens: last?.timings?.prompt_n ?? null,
      decodeTokensPerSec: last?.timings?.predicted_per_second ?? null,
      prefillTokensPerSec: last?.timings?.prompt_per_second ?? null,
    };
  },
};
