import type { ChatMessage, GenerationRecord } from '../../messaging/protocol';
import { NotFoundError } from '../../messaging/errors';

/**
 * The host's own record of a few recent generations that asked for one (`record: true` on the generate port): the
 * prompt as the host received it, the text the model wrote, and the tab whose content script asked. A summary's "Ask a
 * follow-up" (lib/ask/worker/follow-up-entry.ts) takes the summary from here, so what goes into the conversation as
 * the assistant's turn is what Hearth's model really wrote, not what a page's process claims it wrote.
 */
export function createGenerationRecords({ keep = 8, newId = () => crypto.randomUUID() }: { keep?: number; newId?: () => string } = {}) {
  const records = new Map<string, GenerationRecord>();
  return {
    /** Keep a finished generation; the oldest is forgotten beyond `keep`. Returns its id. */
    add(record: { tabId?: number; messages: ChatMessage[]; text: string }): string {
      const id = newId();
      records.set(id, { id, ...record });
      for (const old of records.keys()) if (records.size > keep) records.delete(old);
      return id;
    },
    get(id: unknown): GenerationRecord {
      const found = typeof id === 'string' ? records.get(id) : undefined;
      if (!found) throw new NotFoundError('Hearth no longer has that answer (it keeps only the last few). Summarize again.');
      return found;
    },
  };
}

export type GenerationRecords = ReturnType<typeof createGenerationRecords>;
