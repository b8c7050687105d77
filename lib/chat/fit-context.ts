import type { ChatMessage } from '../messaging/protocol';
import { BadRequestError } from '../messaging/errors';
import { estimateMessageTokens as estimateTokens } from '../tokens/estimate';

/** The estimate lib/tokens/estimate.ts owns, under the name the chat view imports it by. */
export { estimateTokens };

export interface FittedChat {
  messages: ChatMessage[];
  /** How many earlier messages were left out to fit the model's context. */
  dropped: number;
}

/**
 * The messages to send: the system prompt, then as many of the latest turns as fit the context window
 * after reserving room for the answer. The oldest turns go first; the system prompt and the newest user
 * message always stay.
 */
export function fitContext(system: string, history: ChatMessage[], contextTokens: number, maxTokens: number): FittedChat {
  const reserve = Math.min(maxTokens, Math.floor(contextTokens / 2));
  const systemMessages: ChatMessage[] = system.trim() ? [{ role: 'system', content: system }] : [];
  let budget = contextTokens - reserve - systemMessages.reduce((n, m) => n + estimateTokens(m.content), 0);
  const kept: ChatMessage[] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const cost = estimateTokens(history[i]!.content);
    if (cost > budget) break;
    budget -= cost;
    kept.unshift(history[i]!);
  }
  // A turn starts with the user: never begin the kept history with a dangling assistant reply.
  while (kept.length > 0 && kept[0]!.role === 'assistant') kept.shift();
  if (kept.length === 0) {
    throw new BadRequestError(
      `This message is too long for the model's context (about ${estimateTokens(history.at(-1)?.content ?? '')} tokens of ${contextTokens}). Shorten it or choose a model with a longer context.`,
    );
  }
  return { messages: [...systemMessages, ...kept], dropped: history.length - kept.length };
}
