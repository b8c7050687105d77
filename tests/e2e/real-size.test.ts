import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeSizedGguf } from '../../testkit/models/sized-gguf';
import { chooseTinyModel, evaluateInPanel, panel, panelPart, summarizeWithShortcut, waitForSummary } from '../../testkit/browser/summary';
import { command, openPopup } from '../../testkit/browser/popup';
import { estimateTokensPrior } from '../../lib/tokens/estimate';

// A real-size vocabulary and embedding (SmolLM2-135M's shape and tokenizer: Qwen's byte-level BPE cut to 49,152
// ids), with 2 of its 30 layers so CI stays quick: real text becomes as many tokens as it does for users.
const dir = mkdtempSync(join(tmpdir(), 'hearth-sized-'));
const sized = makeSizedGguf({ out: join(dir, 'smollm2-135m-2L.gguf'), shape: 'smollm2-135m', layers: 2 });
const [TITLE, ...PARAGRAPHS] = readFileSync(new URL('../fixtures/article.txt', import.meta.url), 'utf8').trim().split(/\n\s*\n/);
const TEXT = PARAGRAPHS.join('\n\n');
const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(TITLE!)}</title></head><body><article><h1>${esc(TITLE!)}</h1>${PARAGRAPHS.map((p) => `<p>${esc(p)}</p>`).join('')}</article></body></html>`;

let hearth: Hearth;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ '/sized.gguf': fileRoute(readFileSync(sized.out)), '/article.html': fileRoute(page, 'text/html; charset=utf-8') });
  hearth = await launchHearth();
  await chooseTinyModel(hearth, `${server.origin}/sized.gguf`);
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a ~600-word article with a real tokenizer', () => {
  it('is read in one step, with reading progress in the exact tokens of the model', async () => {
    const tab = await hearth.context.newPage();
    await tab.goto(`${server.origin}/article.html`);
    await tab.evaluate(() => ((window as unknown as { statuses: string[] }).statuses = []));
    await summarizeWithShortcut(hearth, tab, 'page');
    await panelPart(tab, 'status').waitFor();
    // Every status line the panel shows, recorded inside its closed root (the DevTools protocol reaches it).
    await evaluateInPanel(tab, (root) => {
      const seen = (window as unknown as { statuses: string[] }).statuses;
      const note = () => {
        const s = root.querySelector('[data-testid=status]')?.textContent ?? '';
        if (seen.at(-1) !== s) seen.push(s);
      };
      note();
      new MutationObserver(note).observe(root, { childList: true, characterData: true, subtree: true });
    });
    const summary = await waitForSummary(tab, 170_000);
    expect(summary.length).toBeGreaterThan(0);
    const statuses = await tab.evaluate(() => (window as unknown as { statuses: string[] }).statuses);

    // The model's own tokenizer counts the article as a real model's does (about 5 characters a token), far below the
    // safe prior used without a tokenizer, and the panel reads that many tokens (plus the prompt around them).
    const popup = await openPopup(hearth);
    const { tokens } = await command<{ tokens: number | null }>(popup, 'host', 'llm.countTokens', { text: TEXT });
    await popup.close();
    expect(tokens).toBeGreaterThan(TEXT.length / 6);
    expect(tokens).toBeLessThan(TEXT.length / 3.5);
    expect(estimateTokensPrior(TEXT)).toBeGreaterThan(tokens! * 1.4);
    const totals = statuses.map((s) => /^Reading [\d,]+ of ([\d,]+) tokens/.exec(s)?.[1]).filter(Boolean).map((n) => Number(n!.replace(/,/g, '')));
    expect(totals.length, statuses.join(' | ')).toBeGreaterThan(0);
    expect(totals.at(-1)).toBeGreaterThanOrEqual(tokens!);
    // Around the article: the rules, each passage's header (its number and the page's title: a page's one-step summary
    // is asked over Ask's numbered passages, so Ask a follow-up continues its prompt) and the chat template.
    expect(totals.at(-1)).toBeLessThan(tokens! + 600);
    expect(statuses.some((s) => /^Reading part/.test(s))).toBe(false);
    expect(await panel(tab).status()).toMatch(/^Read all [\d,]+ words\.$/);
    expect(await panelPart(tab, 'status').getAttribute('data-parts')).toBe('1');
    console.log(`real size: ${TEXT.length} characters = ${tokens} tokens (prior ${estimateTokensPrior(TEXT)}); statuses: ${statuses.join(' | ')}`);
    await tab.close();
  });
});
