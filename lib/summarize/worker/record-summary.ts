import { BadRequestError, SenderRefusedError } from '../../messaging/errors';
import type { CommandContext } from '../../messaging/commands';
import type { SummaryHistory } from '../history';

/**
 * `summary.record`: the in-page panel's finished summary, written to History by the worker. Content scripts run in
 * the page's process and cannot reach storage.local (the worker sets it to trusted contexts), so they never load
 * the other sites' summaries to add one. The address is the one Chrome reports for the sender, not what it says.
 */
export function summaryRecordHandlers(history: Pick<SummaryHistory, 'add'>) {
  return {
    'summary.record': async ({ title, summary }: { title: string; summary: string }, { kind, sender }: CommandContext) => {
      if (kind !== 'content-script' || sender.tab?.id === undefined || sender.frameId !== 0) {
        throw new SenderRefusedError('Only Hearth’s summary panel in a page may record a summary.');
      }
      if (typeof title !== 'string' || typeof summary !== 'string' || !summary.trim()) throw new BadRequestError('That summary record is malformed.');
      await history.add({ title: title.trim() || 'Untitled page', url: sender.url, summary });
      return { ok: true as const };
    },
  };
}
