import type { BenchContext } from '../context';
import type { BenchOptions } from '../options';
import { summarize, type Summary } from '../stats';
import { fileRoute, startServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { chooseTinyModel, summarizeWithShortcut, waitForSummary } from '../../testkit/browser/summary';
import { articlePage, longPage } from '../../testkit/browser/summary-pages';
import { measureFirstToken, type FirstTokenTiming, type SummaryTimeline } from '../../testkit/browser/summary-timing';
import { generateInExtension, selectModel } from '../extension';
import { ARTICLE_PATH } from '../model-source';
import { readFileSync } from 'node:fs';

const SIZES = { '1KB': 1024, '100KB': 100 * 1024, '1MB': 1024 * 1024 } as const;
/** What is summarized: a selection of each size, and a whole 1 MB page (visibility walk and Readability included). */
const CASES = [
  ...Object.entries(SIZES).map(([size, bytes]) => ({ label: `selection ${size}`, bytes, what: { selector: '#long' } as const })),
  { label: 'page 1MB', bytes: SIZES['1MB'], what: 'page' as const },
];
export type SummarizeFigures = Record<string, { firstTokenMs: Summary; panelMs: Summary; chars: number; firstTokenIn: string; firstSummaryWordMs?: Summary; timelines: SummaryTimeline[] }>;

const ms = (n: number | undefined) => (n === undefined ? '–' : `${Math.round(n)}`);
/**
 * One summary request's timeline, ms from the shortcut: the page read (panel shown), the text counted in the model's
 * tokens and sent, the host's queue (if any), the prompt read (tokens not in the cache, and their rate up to the first
 * token: one decode step included), the first token.
 */
export function timelineLine(label: string, r: FirstTokenTiming): string {
  const t = r.timeline;
  const read = t.promptTokens !== undefined && t.readingMs !== undefined ? t.promptTokens - (t.reusedTokens ?? 0) : undefined;
  const rate = read !== undefined && r.firstTokenMs > t.readingMs! ? ` (${((read * 1000) / (r.firstTokenMs - t.readingMs!)).toFixed(1)} tokens/s)` : '';
  return `  summarize ${label}: page read ${ms(r.panelMs)} · counted and sent ${ms(t.countedMs)} · queued ${ms(t.queuedMs)} · ` +
    `reading from ${ms(t.readingMs)}: ${read ?? '?'} tokens${rate}, ${t.reusedTokens ?? '?'} of ${t.promptTokens ?? '?'} reused · first token ${ms(r.firstTokenMs)} (${r.firstTokenIn})`;
}

/**
 * Click-to-first-token for 1 KB, 100 KB and 1 MB selections and a 1 MB page with the model warm: the real shortcut
 * (a user's key press) to the first model text in the panel (the summary itself, or part 1's notes for long texts).
 */
export async function runSummarize(ctx: BenchContext, o: BenchOptions): Promise<SummarizeFigures> {
  if (o.shape || o.model) return runArticleSummary(ctx, o);
  const routes: Record<string, ReturnType<typeof fileRoute>> = {
    '/tiny.gguf': fileRoute(makeTinyLlamaGguf({ contextLength: 2048 })),
    '/article.html': fileRoute(articlePage(), 'text/html'),
  };
  for (const bytes of Object.values(SIZES)) routes[`/${bytes}.html`] = fileRoute(longPage(bytes), 'text/html');
  const server = await startServer(routes);
  try {
    await chooseTinyModel(ctx.hearth, `${server.origin}/tiny.gguf`);
    const warm = await ctx.hearth.context.newPage();
    await warm.goto(`${server.origin}/article.html`);
    await summarizeWithShortcut(ctx.hearth, warm, 'page');
    await waitForSummary(warm);
    await warm.close();
    const result = {} as SummarizeFigures;
    for (const { label, bytes, what } of CASES) {
      const runs = [];
      for (let i = 0; i < Math.min(o.runs, 3); i++) {
        const page = await ctx.hearth.context.newPage();
        await page.goto(`${server.origin}/${bytes}.html`);
        runs.push(await measureFirstToken(ctx.hearth, page, what));
        console.error(timelineLine(label, runs.at(-1)!));
        await page.close();
      }
      result[label] = {
        firstTokenMs: summarize(runs.map((r) => r.firstTokenMs)),
        panelMs: summarize(runs.map((r) => r.panelMs)),
        chars: runs[0]!.chars,
        firstTokenIn: runs[0]!.firstTokenIn,
        timelines: runs.map((r) => r.timeline),
      };
    }
    return result;
  } finally {
    await server.close();
  }
}

/** The ~600-word news article (tests/fixtures/article.txt) as a web page: its first line is the headline. */
export function articleFixturePage(): string {
  const [title, ...paragraphs] = readFileSync(ARTICLE_PATH, 'utf8').trim().split(/\n\s*\n/);
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title!)}</title></head><body><article><h1>${esc(title!)}</h1>${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('')}</article></body></html>`;
}

/**
 * At real size (--shape or --model): the page summary of the ~600-word article with that model, warm, from the
 * shortcut to the first model token in the panel, and to the first word of the summary itself (later when the
 * article is read in parts: notes first). At most 3 runs (with the old engine one run reads ~800 prompt
 * tokens for minutes: use --runs 1).
 */
async function runArticleSummary(ctx: BenchContext, o: BenchOptions): Promise<SummarizeFigures> {
  const server = await startServer({ '/article.html': fileRoute(articleFixturePage(), 'text/html') });
  try {
    await selectModel(ctx.popup, ctx.modelUrl, 4096, o.threads);
    await generateInExtension(ctx.popup, 'warm up', 1); // download and load before the clock starts
    const runs = [];
    for (let i = 0; i < Math.min(o.runs, 3); i++) {
      const page = await ctx.hearth.context.newPage();
      await page.goto(`${server.origin}/article.html`);
      runs.push(await measureFirstToken(ctx.hearth, page, 'page', 1_800_000, true));
      console.error(timelineLine(`article page, ${ctx.model.label}`, runs.at(-1)!));
      await page.close();
    }
    return {
      [`article page, ${ctx.model.label}`]: {
        firstTokenMs: summarize(runs.map((r) => r.firstTokenMs)),
        panelMs: summarize(runs.map((r) => r.panelMs)),
        chars: runs[0]!.chars,
        firstTokenIn: runs[0]!.firstTokenIn,
        firstSummaryWordMs: summarize(runs.map((r) => r.firstSummaryWordMs ?? Number.NaN)),
        timelines: runs.map((r) => r.timeline),
      },
    };
  } finally {
    await server.close();
  }
}
