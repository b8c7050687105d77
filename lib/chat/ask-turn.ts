import type { ChatMessage, ModelSpec } from '../messaging/protocol';
import type { ChatSettings } from '../llm/settings';
import type { StoredMessage } from './chat-store';
import type { CitedPassage } from './passage';

/** The model's context and the room a question about tabs leaves for its answer. */
export interface TurnBudget {
  contextTokens: number;
  answerTokens: number;
}

/** A question about tabs, built: its prompt, the passages in it (stored with the question), what was left out. */
export interface BuiltTurn {
  messages: ChatMessage[];
  passages: CitedPassage[];
  droppedHistory: number;
  /** Said to the user with the answer (e.g. that it was asked over part of a source still being read). */
  notice?: string;
  /** After this answer, read the next question's prompt ahead again (this one was laid out over part of a source). */
  readAgain?: boolean;
}

/**
 * A question about open tabs. The ask feature (lib/ask) builds it and hands it to the chat, which does not know how
 * such a prompt is laid out: the chat gives the conversation before the question and the budget, and stores the
 * passages with the question. One builder serves asking, editing and asking again (regenerate).
 */
export type AskTurn = (before: StoredMessage[], budget: TurnBudget) => BuiltTurn;

/** A question about tabs leaves a quarter of the context (at most the set answer length) for its answer. */
export const askBudget = (settings: ChatSettings, model: ModelSpec): TurnBudget => ({
  contextTokens: model.contextTokens,
  answerTokens: Math.min(settings.maxTokens, Math.floor(model.contextTokens / 4)),
});
