import { readFileSync } from 'node:fs';
import type { BenchContext } from '../context';
import type { BenchOptions } from '../options';
import { summarize, type Summary } from '../stats';
import { createExtensionEngine, createPlainPageEngine, type BenchEngine, type LoadSettings } from '../llm-engines';
import { createNativeEngine, loadNodeLlamaCpp } from '../native';
import { ARTICLE_PATH } from '../model-source';

export interface EngineFigures {
  label: string;
  loadMs: number;
  decodeTokensPerSec: Summary;
  prefillTokensPerSec: Summary;
  ttftMs: Summary;
  /**
   * Prompt tokens per run. Plain pages: those really read (wllama's prompt_n, the CPU engine's prompt minus the prefix
   * its KV cache held); native: all of them (its history is cleared per run); the extension: the prompt's size (it does
   * not report cache hits).
   */
  prefillPromptTokens: Summary;
  text: string;
}

export interface LlmFigures {
  model: string;
  settings: LoadSettings;
  promptChars: number;
  /** Median prompt tokens the first plain page read per prefill (each run's prompt starts with its run number, so
   * at most BOS and a leading space come from the KV cache). */
  prefillPromptTokens: number;
  text: string;
  /** Whether the text is exactly the generated model's known greedy answer (null for other models). */
  textMatchesExpected: boolean | null;
  /** Whether native llama.cpp wrote the same text (null without native). */
  nativeTextMatches: boolean | null;
  /** Whether the first plain page (Hearth's CPU engine, bare) wrote the extension's text. */
  plainTextMatches: boolean;
  /** The first plain page that ran, whose figures the plainPage* fields hold. */
  plainPage: string;
  /** Plain pages whose engine could not load or run the model (a quantization it has no kernels for, a crash). */
  plainUnavailable?: Record<string, string>;
  /** Rows: 'extension', 'plain:<engine>' for each bare engine, 'native' when it ran. */
  engines: Record<string, EngineFigures>;
  /** Why native llama.cpp did not run. */
  nativeUnavailable?: string;
  /** "a/b" → a ÷ b of the medians, from the same run: above 1 means a is faster (tokens/s) or slower (ms). */
  ratios: Record<string, { decode: number; prefill: number; ttft: number }>;
  // The extension and the first plain page that ran, as before: read by bench:report and the smoke test.
  decodeTokensPerSec: number;
  plainPageDecodeTokensPerSec: number;
  prefillTokensPerSec: number;
  plainPagePrefillTokensPerSec: number;
  ttftMs: number;
  plainPageTtftMs: number;
  loadMs: number;
  plainPageLoadMs: number;
}

/** The ~500-token prompt: the article's first paragraphs up to ~2,500 characters (English BPE: ~5 characters a token). */
export function longPrompt(): string {
  let out = '';
  for (const p of readFileSync(ARTICLE_PATH, 'utf8').split(/\n\s*\n/)) {
    if (out.length + p.length > 2600) break;
    out += `${out ? '\n\n' : ''}${p.trim()}`;
  }
  return out;
}

const ratio = (a: EngineFigures, b: EngineFigures) => ({
  decode: a.decodeTokensPerSec.median / b.decodeTokensPerSec.median,
  prefill: a.prefillTokensPerSec.median / b.prefillTokensPerSec.median,
  ttft: a.ttftMs.median / b.ttftMs.median,
});

/**
 * Hearth's LLM through the extension (its CPU engine, or wllama for models that engine does not run), each bare engine in a plain page, and native llama.cpp, on the same
 * model, prompts, context, batch and threads. Runs alternate between engines so all see the same noise, and every
 * run's prompt starts with its run number, so no engine finds it in its KV cache and prefill is really measured.
 */
export async function runLlm(ctx: BenchContext, o: BenchOptions, log = (s: string) => console.error(s)): Promise<LlmFigures> {
  const settings: LoadSettings = { contextTokens: 2048, threads: o.threads, batchTokens: 512 };
  const engines: BenchEngine[] = [createExtensionEngine(ctx.popup, ctx.modelUrl), ...ctx.plainPages.map(({ spec, page }) => createPlainPageEngine(spec.name, spec.label, page, ctx.modelUrl))];
  let nativeUnavailable: string | undefined;
  if (!o.native) nativeUnavailable = 'skipped (--no-native)';
  else if (!ctx.model.path) nativeUnavailable = 'needs a local model file (a URL was given)';
  else {
    const lib = await loadNodeLlamaCpp(undefined, log);
    if ('unavailable' in lib) nativeUnavailable = lib.unavailable;
    else engines.push(createNativeEngine(lib, ctx.model.path));
  }
  if (nativeUnavailable) log(`Native llama.cpp: not measured: ${nativeUnavailable}.`);

  const base = o.long ? longPrompt() : o.prompt;
  const runs = new Map(engines.map((e) => [e.name, { load: 0, decode: [] as number[], prefill: [] as number[], ttft: [] as number[], tokens: [] as number[], text: '' }]));
  const plainUnavailable: Record<string, string> = {};
  try {
    for (const e of [...engines]) {
      try {
        runs.get(e.name)!.load = (await e.load(settings)).loadMs;
      } catch (err) {
        // A bare engine that refuses the model is reported, not fatal: the extension may have run another engine.
        if (!e.name.startsWith('plain:')) throw err;
        plainUnavailable[e.name] = (err as Error).message;
        log(`${e.label}: not measured: ${(err as Error).message}`);
        engines.splice(engines.indexOf(e), 1);
        await e.close();
      }
    }
    for (let i = 0; i < o.runs; i++) {
      const prompt = `${i + 1} ${base}`;
      for (const e of [...engines]) {
        let r;
        try {
          r = await e.generate(prompt, o.maxTokens);
        } catch (err) {
          // A bare engine that fails on the model (wllama on some files) is reported, as a refused load is.
          if (!e.name.startsWith('plain:')) throw err;
          plainUnavailable[e.name] = (err as Error).message.split('\n')[0]!;
          log(`${e.label}: stopped being measured: ${plainUnavailable[e.name]}`);
          engines.splice(engines.indexOf(e), 1);
          continue;
        }
        const acc = runs.get(e.name)!;
        acc.decode.push(r.decodeTokensPerSec ?? Number.NaN);
        acc.prefill.push(r.prefillTokensPerSec ?? Number.NaN);
        acc.ttft.push(r.ttftMs);
        acc.tokens.push(r.promptTokens ?? Number.NaN);
        acc.text = r.text;
      }
    }
  } finally {
    for (const e of engines) if (e.name === 'native') await e.close();
  }
  const figures: Record<string, EngineFigures> = {};
  for (const e of engines) {
    const r = runs.get(e.name)!;
    figures[e.name] = { label: e.label, loadMs: r.load, decodeTokensPerSec: summarize(r.decode), prefillTokensPerSec: summarize(r.prefill), ttftMs: summarize(r.ttft), prefillPromptTokens: summarize(r.tokens), text: r.text };
  }
  const ext = figures.extension!;
  const plainName = Object.keys(figures).find((n) => n.startsWith('plain:'));
  if (!plainName) throw new Error(`No plain page could load the model: ${JSON.stringify(plainUnavailable)}`);
  const plain = figures[plainName]!;
  // A model with a known answer must get it from every engine; random-weight models of real shapes may differ
  // between engines after a few tokens (near-ties in flat logits, different rounding), so that is only reported.
  const expected = ctx.model.expectedText?.(o.maxTokens);
  for (const [name, f] of Object.entries(figures)) {
    if (expected !== undefined && f.text !== expected) throw new Error(`${name} wrote ${JSON.stringify(f.text)}, not the model's known answer ${JSON.stringify(expected)}.`);
  }
  // The same engine with and without the extension around it must write the same text on any model.
  const bare = figures['plain:hearth-cpu'];
  if (bare && ext.label.includes('CPU engine') && bare.text !== ext.text) {
    throw new Error(`The extension wrote ${JSON.stringify(ext.text)} but its CPU engine in a plain page wrote ${JSON.stringify(bare.text)}.`);
  }
  const ratios: LlmFigures['ratios'] = {};
  for (const [name, f] of Object.entries(figures)) if (name !== 'extension') ratios[`extension/${name}`] = ratio(ext, f);
  // Hearth's engine bare against the other bare engines (wllama, the old one): the engines alone, no extension.
  for (const [name, f] of Object.entries(figures)) if (name.startsWith('plain:') && name !== plainName) ratios[`${plainName}/${name}`] = ratio(plain, f);
  if (figures.native) for (const [name, f] of Object.entries(figures)) if (name.startsWith('plain:')) ratios[`${name}/native`] = ratio(f, figures.native);
  return {
    model: ctx.model.label,
    settings,
    promptChars: base.length + 2,
    prefillPromptTokens: plain.prefillPromptTokens.median,
    text: ext.text,
    textMatchesExpected: ctx.model.expectedText ? ext.text === ctx.model.expectedText(o.maxTokens) : null,
    nativeTextMatches: figures.native ? figures.native.text === ext.text : null,
    plainTextMatches: plain.text === ext.text,
    plainPage: plainName,
    ...(Object.keys(plainUnavailable).length ? { plainUnavailable } : {}),
    engines: figures,
    ...(nativeUnavailable ? { nativeUnavailable } : {}),
    ratios,
    decodeTokensPerSec: ext.decodeTokensPerSec.median,
    plainPageDecodeTokensPerSec: plain.decodeTokensPerSec.median,
    prefillTokensPerSec: ext.prefillTokensPerSec.median,
    plainPagePrefillTokensPerSec: plain.prefillTokensPerSec.median,
    ttftMs: ext.ttftMs.median,
    plainPageTtftMs: plain.ttftMs.median,
    loadMs: ext.loadMs,
    plainPageLoadMs: plain.loadMs,
  };
}
