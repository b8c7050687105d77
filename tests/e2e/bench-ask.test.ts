import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/main';
import { parseOptions } from '../../bench/options';
import { renderTable } from '../../bench/table';
import type { AskFigures } from '../../bench/parts/ask';

// Keeps `npm run bench -- ask` from rotting, with a 2-layer SmolLM2-135M-shaped model (its real tokenizer, so the
// page fits the context as it does at real size; random weights), and checks what the figures rest on:
// in the real extension, a follow-up question about the same page re-reads only the previous answer and the new
// question (the KV cache keeps the shared prefix), and a page primed before the question is not read again. Times are printed by the bench, never checked against thresholds.
describe('npm run bench -- ask (smoke)', () => {
  it('asks about a page and a 10-page PDF; follow-ups on the page reuse the cached prompt', async () => {
    const r = await runBench(parseOptions(['ask', '--runs', '1', '--shape', 'smollm2-135m', '--layers', '2']));
    const ask = r.ask as AskFigures;
    expect(Object.keys(ask.cases)).toEqual(['page, 1046 words', expect.stringMatching(/^PDF, 10 pages, \d+ words$/), 'page, 1046 words, 15 s before Enter',
      expect.stringMatching(/^PDF, 10 pages, \d+ words, 15 s before Enter$/), expect.stringMatching(/^page, \d+ words: its summary, then Ask a follow-up$/)]);
    const [page, pdf, primed, pdfPrimed, summary] = Object.values(ask.cases);
    for (const q of [...page!.questions, ...pdf!.questions, ask.plain]) {
      expect(q.firstTokenMs).toBeGreaterThan(0);
      expect(q.promptTokens).toBeGreaterThan(0);
    }
    const [first, ...followUps] = page!.questions;
    // Asked at once: how much of the page the prime begun when Ask opened has read by Enter, and how fast the model
    // reads, depend on the moment. Either the whole page is in the prompt, or (the rest would keep the question more
    // than 3 s) it was asked over part of it, and the chat said so (lib/ask/read-ahead.ts).
    const partial = (q: { notice?: string }) => /^Answered at once from/.test(q.notice ?? '');
    if (partial(first!)) expect(first!.notice).toMatch(/Hearth is reading the rest for your next question\.$/);
    else expect(first!.promptTokens).toBeGreaterThan(1000);
    for (const [i, q] of followUps.entries()) {
      const previous = page!.questions[i]!;
      if (partial(previous) || partial(q)) continue; // the layout changed between them: nothing to hold them to
      expect(q.reusedTokens).toBeGreaterThanOrEqual(previous.promptTokens); // all of the previous prompt
      // Then only the previous answer (as many tokens as it wrote before Stop landed) and the new question.
      expect(q.promptTokens - q.reusedTokens).toBeLessThan(previous.completionTokens + 100);
    }
    // Opened again after the PDF, then 15 s before Enter: the view primed the page, so its first question reads
    // only the question, not the page (the PDF's prompt had replaced it as what the engine last read).
    expect(primed!.primed).toMatch(/^ask:/); // the key of the prime the view sent
    const primedFirst = primed!.questions[0]!;
    expect(primedFirst.promptTokens - primedFirst.reusedTokens).toBeLessThan(100);
    // A PDF no question was asked about, opened 15 s before Enter: read ahead whole (this small model reads it in
    // far less), so its first question reads only itself.
    expect(pdfPrimed!.primed).toMatch(/^ask:/);
    const pdfFirst = pdfPrimed!.questions[0]!;
    expect(pdfFirst.promptTokens).toBeGreaterThan(1000);
    expect(pdfFirst.promptTokens - pdfFirst.reusedTokens).toBeLessThan(100);
    // A question right after the page's summary and Ask a follow-up: the summary's whole prompt comes from the cache.
    expect(summary!.summaryPromptTokens).toBeGreaterThan(500);
    expect(summary!.questions[0]!.reusedTokens).toBeGreaterThanOrEqual(summary!.summaryPromptTokens!);
    expect(renderTable(r)).toContain('| plain chat (reference) |');
    expect(renderTable(r)).toContain('15 s before Enter');
  }, 900_000);
});
