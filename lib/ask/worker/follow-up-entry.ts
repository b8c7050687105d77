import type { CommandContext } from '../../messaging/commands';
import type { ChatMessage, GenerationRecord } from '../../messaging/protocol';
import { HearthError } from '../../messaging/errors';
import { FOLLOW_UP_KEY, type FollowUp } from '../follow-up';

/** "Ask a follow-up" came from somewhere that is not a summary panel in a tab, or for a summary Hearth did not write there. */
export class FollowUpError extends HearthError {}

export interface FollowUpBrowser {
  sidePanel: { open(options: { tabId: number }): Promise<void> };
  storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
}

export interface FollowUpDeps {
  /** The model host's own record of a generation (`llm.record`). */
  record(id: string): Promise<GenerationRecord>;
  /**
   * Whether the recorded prompt is Hearth's summary request for what the panel claims it summarized (null: it is not),
   * and, for a page read in one step over its passages, that text and the request (lib/summarize/follow-up-lead.ts).
   */
  checkSummary(claim: unknown, recorded: ChatMessage[]): { kind: 'passages'; text: string; title: string; request: string } | { kind: 'other' } | null;
}

/**
 * The in-page summary panel's "Ask a follow-up": the worker leaves the follow-up for the chat (storage.session,
 * which content scripts cannot write) and opens the side panel on that tab. Chrome opens it only while the click
 * still counts as a user gesture, so `open` is called before any await; when Chrome refuses, the follow-up waits
 * until the user opens Hearth (side panel or popup), and the panel says so.
 * The panel names its summary by the host's record of it: the summary that becomes the conversation's assistant turn
 * is the text Hearth's model wrote for this tab after Hearth's own summary request, never the page process's word for
 * it. The text the summary read comes from the panel (it is the page's, and goes in as data) and is kept only when it
 * rebuilds the recorded prompt exactly.
 */
export function followUpHandlers(b: FollowUpBrowser, deps: FollowUpDeps) {
  return {
    'ask.followUp': async ({ recordId, title, claim }: { recordId: string; title?: string; claim: unknown }, { sender, kind }: CommandContext): Promise<{ opened: boolean }> => {
      const tabId = sender.tab?.id;
      if (kind !== 'content-script' || tabId === undefined) throw new FollowUpError('Ask a follow-up comes from a summary in a page.');
      if (typeof recordId !== 'string' || !recordId) throw new FollowUpError('There is no summary to follow up on yet.');
      const opened = b.sidePanel.open({ tabId }).then(() => true, () => false);
      const record = await deps.record(recordId);
      const checked = record.tabId === tabId && record.text.trim() ? deps.checkSummary(claim, record.messages) : null;
      if (!checked) throw new FollowUpError('Hearth did not write that summary on this page.');
      const lead = checked.kind === 'passages' ? checked : null;
      const followUp: FollowUp = {
        tabId,
        summary: record.text.slice(0, 8_000),
        title: typeof title === 'string' ? title.slice(0, 300) : undefined,
        at: Date.now(),
        ...(lead ? { source: { text: lead.text, title: lead.title, url: sender.url ?? '' }, request: lead.request } : {}),
      };
      await b.storage.session.set({ [FOLLOW_UP_KEY]: followUp });
      return { opened: await opened };
    },
  };
}
