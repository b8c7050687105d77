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
    expect(Object.keys(ask.cases)).toEqual(['page, 1046 words', expect.stringMatching(/^PDF, 10 pages, \d+ words$/)]);
    const [page, pdf] = Object.values(ask.cases);
    for (const q of [...page!.questions, ...pdf!.questions, ask.plain]) {
      expect(q.firstTokenMs).toBeGreaterThan(0);
      expect(q.promptTokens).toBeGreaterThan(0);
    }
    const [first, ...followUps] = page!.questions;
    expect(first!.promptTokens - first!.reusedTokens).toBeGreaterThan(1000); // the first question reads the page
    for (const [i, q] of followUps.entries()) {
      expect(q.reusedTokens).toBeGreaterThanOrEqual(page!.questions[i]!.promptTokens); // all of the previous prompt
      expect(q.promptTokens - q.reusedTokens).toBeLessThan(100);
    }
    // Primed 15 s ahead on a fresh cache (llm.prime), the first question reads at most what the prime had not.
    expect(ask.primed).toMatchObject({ primeAccepted: true, question: first!.question, promptTokens: first!.promptTokens });
    expect(ask.primed!.reusedTokens).toBeGreaterThan(first!.reusedTokens + 100);
    expect(renderTable(r)).toContain('| plain chat (reference) |');
    expect(renderTable(r)).toContain('| page, primed 15 s before');
  }, 900_000);
});
