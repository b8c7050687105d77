// The bare library in a plain page: the same wllama build, wasm, model and parameters as Hearth's Wasm engine.
import { Wllama } from '/wllama/index.js';

let wllama = null;

window.bench = {
  async load(modelUrl, nCtx) {
    const t0 = performance.now();
    const blob = await (await fetch(modelUrl)).blob();
    wllama = new Wllama({ default: '/wllama/wllama.wasm' }, { suppressNativeLog: true });
    wllama.setCompat(null);
    await wllama.loadModel([blob], { n_ctx: nCtx, n_gpu_layers: 0 });
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
      decodeTokensPerSec: last?.timings?.predicted_per_second ?? null,
      prefillTokensPerSec: last?.timings?.prompt_per_second ?? null,
    };
  },
};
