import type { BenchContext } from '../context';
import type { BenchOptions } from '../options';
import { summarize, type Summary } from '../stats';
import { generateInExtension, selectModel } from '../extension';

export interface LlmFigures {
  text: string;
  /** Whether the text is exactly the generated model's known greedy answer (null for other models). */
  textMatchesExpected: boolean | null;
  decodeTokensPerSec: number;
  plainPageDecodeTokensPerSec: number;
  prefillTokensPerSec: number;
  plainPagePrefillTokensPerSec: number;
  ttftMs: number;
  plainPageTtftMs: number;
  loadMs: number;
  plainPageLoadMs: number;
  /** extension ÷ plain page, from the same run: above 1 means the extension is faster (tokens/s) or slower (ms). */
  ratios: { decode: number; ttft: number; load: number };
  spread: Record<'decodeTokensPerSec' | 'plainPageDecodeTokensPerSec' | 'prefillTokensPerSec' | 'plainPagePrefillTokensPerSec' | 'ttftMs' | 'plainPageTtftMs', Summary>;
}

/**
 * The Wasm engine through the extension (popup → generate port → offscreen host → wllama worker) against the same
 * wllama, wasm, model and parameters in a plain page. Runs alternate between the two so both see the same noise.
 */
export async function runLlm(ctx: BenchContext, o: BenchOptions): Promise<LlmFigures> {
  await selectModel(ctx.popup, ctx.modelUrl);
  const cold = await generateInExtension(ctx.popup, o.prompt, 1); // downloads into the cache and loads
  const plainLoad = await ctx.plain.evaluate(([url]) => (window as never as { bench: { load(u: string, n: number): Promise<{ loadMs: number }> } }).bench.load(url, 2048), [ctx.modelUrl] as const);

  const ext = { decode: [] as number[], prefill: [] as number[], ttft: [] as number[] };
  const plain = { decode: [] as number[], prefill: [] as number[], ttft: [] as number[] };
  let text = '';
  let plainText = '';
  for (let i = 0; i < o.runs; i++) {
    const e = await generateInExtension(ctx.popup, o.prompt, o.maxTokens);
    ext.decode.push(e.stats.decodeTokensPerSec ?? Number.NaN);
    ext.prefill.push(e.stats.prefillTokensPerSec ?? Number.NaN);
    ext.ttft.push(e.ttftMs);
    text = e.text;
    const p = await ctx.plain.evaluate(
      ([prompt, n]) => (window as never as { bench: { generate(p: string, n: number): Promise<{ text: string; ttftMs: number; decodeTokensPerSec: number; prefillTokensPerSec: number }> } }).bench.generate(prompt, n),
      [o.prompt, o.maxTokens] as const,
    );
    plain.decode.push(p.decodeTokensPerSec);
    plain.prefill.push(p.prefillTokensPerSec);
    plain.ttft.push(p.ttftMs);
    plainText = p.text;
  }
  if (plainText !== text) throw new Error(`The extension and the plain page wrote different text:\n${JSON.stringify(text)}\n${JSON.stringify(plainText)}`);
  const spread = {
    decodeTokensPerSec: summarize(ext.decode),
    plainPageDecodeTokensPerSec: summarize(plain.decode),
    prefillTokensPerSec: summarize(ext.prefill),
    plainPagePrefillTokensPerSec: summarize(plain.prefill),
    ttftMs: summarize(ext.ttft),
    plainPageTtftMs: summarize(plain.ttft),
  };
  const loadMs = cold.stats.loadMs ?? Number.NaN;
  return {
    text,
    textMatchesExpected: ctx.expectedText ? text === ctx.expectedText(o.maxTokens) : null,
    decodeTokensPerSec: spread.decodeTokensPerSec.median,
    plainPageDecodeTokensPerSec: spread.plainPageDecodeTokensPerSec.median,
    prefillTokensPerSec: spread.prefillTokensPerSec.median,
    plainPagePrefillTokensPerSec: spread.plainPagePrefillTokensPerSec.median,
    ttftMs: spread.ttftMs.median,
    plainPageTtftMs: spread.plainPageTtftMs.median,
    loadMs,
    plainPageLoadMs: plainLoad.loadMs,
    ratios: {
      decode: spread.decodeTokensPerSec.median / spread.plainPageDecodeTokensPerSec.median,
      ttft: spread.ttftMs.median / spread.plainPageTtftMs.median,
      load: loadMs / plainLoad.loadMs,
    },
    spread,
  };
}
