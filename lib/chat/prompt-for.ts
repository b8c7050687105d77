import type { ChatMessage, ModelSpec } from '../messaging/protocol';
import type { ChatSettings } from '../llm/settings';
import type { Conversation, StoredMessage } from './chat-store';
import { historyOf } from './conversation';
import { fitContext } from './fit-context';
import { askBudget, type AskTurn } from './ask-turn';

/** The messages an answer is asked with, what was left out, and (for a question about tabs) its answer's length. */
export interface Fitted {
  messages: ChatMessage[];
  dropped: number;
  maxTokens?: number;
  /** Said with the answer besides what was dropped (the ask turn's own notice). */
  notice?: string;
}

/**
 * The prompt for `c`, whose last message is the user's `question` (new, edited or asked again): the chat fitted to
 * the context, or for a question about tabs the `ask` turn's own prompt (its passages are kept on `question`).
 * Throws, before anything is saved, when the question alone is too long.
 */
export function promptFor(c: Conversation, question: StoredMessage, ask: AskTurn | undefined, settings: ChatSettings, model: ModelSpec): Fitted {
  if (!ask) return { ...fitContext(settings.systemPrompt, historyOf(c.messages), model.contextTokens, settings.maxTokens) };
  const budget = askBudget(settings, model);
  const built = ask(c.messages.slice(0, -1), budget);
  question.passages = built.passages;
  return { messages: built.messages, dropped: built.droppedHistory, maxTokens: budget.answerTokens, ...(built.notice ? { notice: built.notice } : {}) };
}
