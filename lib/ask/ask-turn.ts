import type { ChatMessage, GenerateRequest } from '../messaging/protocol';
import type { StoredMessage } from '../chat/chat-store';
import { historyOf } from '../chat/conversation';
import type { AskTurn, TurnBudget } from '../chat/ask-turn';
import { buildAskMessages, type AskHistoryTurn } from './prompt';
import { rankPassages } from './rank';
import type { ReadAhead } from './read-ahead';
import type { CitedPassage, Passage } from './source';

/** What every question of an "Ask about this page" conversation is asked over. */
export interface AskOver {
  /** The sources' passages, in text order (source after source). */
  passages: Passage[];
  /** Turns before the conversation: a summary's follow-up starts with the summary (lib/ask/follow-up.ts). */
  lead: AskHistoryTurn[];
  /** Tokens of a text in the model's own count (calibrated); the prompt's default errs on the safe side. */
  countTokens?: (text: string) => number;
  /** How far the prime of these sources is read when the question is asked (a new question only, never asked again). */
  readAhead?: ReadAhead;
}

/** The passages the latest question about tabs before this one was asked with, in the order it had them. */
const previousPassages = (before: StoredMessage[]) => before.findLast((m) => m.role === 'user' && m.passages)?.passages;

/**
 * The one prompt builder for a question about tabs, whether it is asked, edited or asked again: `given` (asking
 * again) is the passages it was first asked with, numbered as then; otherwise the sources are ranked for `question`.
 * The lead turns, the conversation before it and the layout (lib/ask/prompt.ts) are the same every time.
 */
export function askTurn(question: string, over: AskOver, given?: CitedPassage[]): AskTurn {
  return (before, budget) => {
    const ranked = given ? given.map((passage) => ({ passage, score: 0 })) : rankPassages(over.passages, question);
    const history = [...over.lead, ...historyOf(before)];
    const built = buildAskMessages(question, ranked, history, { ...budget, countTokens: over.countTokens }, { previous: previousPassages(before), readAhead: given ? undefined : over.readAhead });
    return built.partial ? { ...built, notice: partialNotice(built.partial) } : built;
  };
}

const passagesWord = (n: number) => `${n} passage${n === 1 ? '' : 's'}`;

/** Said with an answer asked before the source was read whole (lib/ask/read-ahead.ts). */
export function partialNotice({ read, added, total }: { read: number; added: number; total: number }): string {
  const match = (n: number) => `that match${n === 1 ? 'es' : ''} the question`;
  const from = read ? `the ${passagesWord(read)} read so far${added ? ` and ${added} more ${match(added)}` : ''}` : `the ${passagesWord(added)} ${match(added)}`;
  return `Answered at once from ${from} (of ${total}); Hearth is reading the rest for your next question.`;
}

/**
 * What to read ahead (`llm.prime`) so the next question's prompt starts with it: that prompt up to its question
 * (the same rules, sources block and earlier turns; the question left empty, which only its own tokens differ by).
 */
export function primeRequest(over: AskOver, before: StoredMessage[], budget: TurnBudget): GenerateRequest {
  const { messages } = askTurn('', over)(before, budget);
  return { input: { kind: 'chat', messages }, options: { maxTokens: budget.answerTokens, temperature: 0 } };
}

/** Which sources a prime reads: a newer prime of the same sources replaces one still waiting in the host. */
export function primeKey(sources: { tabId: number; url: string; words: number }[]): string {
  let h = 0x811c9dc5; // FNV-1a over the addresses and sizes: short, and a changed page makes a new key
  for (const ch of sources.map((s) => `${s.url}#${s.words}`).join('\n')) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `ask:${sources.map((s) => s.tabId).join(',').slice(0, 150)}:${h.toString(36)}`;
}
