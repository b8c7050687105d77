import type { CommandContext } from '../../messaging/commands';
import { HearthError } from '../../messaging/errors';
import { FOLLOW_UP_KEY, type FollowUp } from '../follow-up';

/** "Ask a follow-up" came from somewhere that is not a summary panel in a tab. */
export class FollowUpError extends HearthError {}

export interface FollowUpBrowser {
  sidePanel: { open(options: { tabId: number }): Promise<void> };
  storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
}

/**
 * The in-page summary panel's "Ask a follow-up": the worker leaves the follow-up for the chat (storage.session,
 * which content scripts cannot write) and opens the side panel on that tab. Chrome opens it only while the click
 * still counts as a user gesture, so `open` is called before any await; when Chrome refuses, the follow-up waits
 * until the user opens Hearth (side panel or popup), and the panel says so.
 */
export function followUpHandlers(b: FollowUpBrowser) {
  return {
    'ask.followUp': async ({ summary, title }: { summary: string; title?: string }, { sender, kind }: CommandContext): Promise<{ opened: boolean }> => {
      const tabId = sender.tab?.id;
      if (kind !== 'content-script' || tabId === undefined) throw new FollowUpError('Ask a follow-up comes from a summary in a page.');
      if (typeof summary !== 'string' || !summary.trim()) throw new FollowUpError('There is no summary to follow up on yet.');
      const opened = b.sidePanel.open({ tabId }).then(() => true, () => false);
      const followUp: FollowUp = { tabId, summary: summary.slice(0, 8_000), title: typeof title === 'string' ? title.slice(0, 300) : undefined, at: Date.now() };
      await b.storage.session.set({ [FOLLOW_UP_KEY]: followUp });
      return { opened: await opened };
    },
  };
}
