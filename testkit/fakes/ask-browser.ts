import type { TabInfo } from '../../lib/ask/view/tab-access';
import { FOLLOW_UP_KEY, type FollowUpStorage } from '../../lib/ask/follow-up';

const noop = { addListener: () => {}, removeListener: () => {} };

/** One open web page Ask may read, as the Ask script returns it. */
export const GARDEN_PAGE = { kind: 'page', text: 'The gardener planted a dahlia beside the wall.', title: 'Garden', url: 'https://a.test/', words: 8 };
const GARDEN_TAB: TabInfo = { id: 4, windowId: 1, active: true, url: 'https://a.test/', title: 'Garden' };

/** The slice of `browser` Ask's tab access uses, with one active tab (id 4) showing GARDEN_PAGE. */
export const fakeAskBrowser = {
  runtime: { getURL: (p: string) => `chrome-extension://hearth${p}` },
  tabs: { query: async () => [GARDEN_TAB], get: async () => GARDEN_TAB, update: async () => ({}), onActivated: noop, onUpdated: noop, onRemoved: noop },
  windows: { update: async () => ({}), getLastFocused: async () => ({ id: 1 }) },
  // The Ask script reads in its one injection (files); a func injection asks for the document's type.
  scripting: { executeScript: async (inj: Record<string, unknown>) => (inj.files ? [{ result: GARDEN_PAGE }] : [{ result: 'text/html' }]) },
};

/** storage.session holding `value` as the pending follow-up. */
export const followUpSession = (value: unknown): FollowUpStorage => ({
  get: async () => ({ [FOLLOW_UP_KEY]: value }),
  set: async () => {},
  remove: async () => {},
  onChanged: noop,
});
