import { SenderRefusedError } from '../../messaging/errors';
import type { SenderKind } from '../../messaging/sender';

/** Where grants live: `chrome.storage.session` in the worker (survives the worker stopping, not the browser). */
export interface GrantStore {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

interface Grants {
  /** Tab → when the user last asked for the overlay there (menu, shortcut or popup). */
  expected: Record<string, number>;
  /** Tab → the one token its overlay may claim, and when it was offered. */
  offered: Record<string, { token: string; at: number }>;
  /** Tab → the frame of the view that claimed its token: the one view there that may close the overlay. */
  claimed?: Record<string, number>;
}

const KEY = 'hearth:pose-grants';
const validToken = (t: unknown): t is string => typeof t === 'string' && /^[\w-]{16,64}$/.test(t);

/**
 * Who may turn the camera on. `pose-view.html` has to be web-accessible (the overlay frames it into the page), so
 * any page can frame it too. The view therefore starts the camera only with a one-time token that the overlay's
 * content script hands it and the worker vouches for:
 * 1. the user asks for the overlay in a tab → `expect(tab)`;
 * 2. Hearth's content script in that tab offers a fresh random token → `offer(tab, token)` (only once per request);
 * 3. the view in that tab claims it → `claim(tab, token)`, which uses it up.
 * A page cannot see the token (it travels in the content script's isolated world, then by postMessage to the
 * extension origin only), cannot offer one (it has no extension messaging), and a used token is gone.
 */
export function createPoseGrants(store: GrantStore, now: () => number = Date.now, ttlMs = 60_000) {
  let chain: Promise<unknown> = Promise.resolve();
  // One change at a time: the worker may get a grant and a claim at once.
  const update = <T>(change: (g: Grants) => T): Promise<T> => {
    const run = chain.then(async () => {
      const stored = (await store.get(KEY))[KEY] as Grants | undefined;
      const grants: Grants = { expected: { ...stored?.expected }, offered: { ...stored?.offered }, claimed: { ...stored?.claimed } };
      for (const [tab, at] of Object.entries(grants.expected)) if (now() - at > ttlMs) delete grants.expected[tab];
      for (const [tab, o] of Object.entries(grants.offered)) if (now() - o.at > ttlMs) delete grants.offered[tab];
      const result = change(grants);
      await store.set({ [KEY]: grants });
      return result;
    });
    chain = run.catch(() => {});
    return run;
  };

  return {
    expect: (tabId: number) => update((g) => void (g.expected[tabId] = now())),
    offer: (tabId: number, token: unknown) =>
      update((g) => {
        if (!validToken(token)) throw new SenderRefusedError('The camera view’s token is malformed.');
        if (g.expected[tabId] === undefined) throw new SenderRefusedError('Hearth was not asked to show the pose overlay in this tab.');
        delete g.expected[tabId];
        g.offered[tabId] = { token, at: now() };
      }),
    claim: (tabId: number, token: unknown, frameId?: number) =>
      update((g) => {
        const offered = g.offered[tabId];
        if (!offered || !validToken(token) || offered.token !== token) {
          throw new SenderRefusedError('Hearth did not open this camera view, so it will not turn the camera on.');
        }
        delete g.offered[tabId];
        if (frameId !== undefined) g.claimed![tabId] = frameId;
      }),
    /** Is this the view that claimed the tab's camera (not one a page framed beside it)? */
    isOwnView: (tabId: number, frameId: number | undefined) => update((g) => frameId !== undefined && g.claimed![tabId] === frameId),
  };
}

export type PoseGrants = ReturnType<typeof createPoseGrants>;

interface GrantContext {
  kind: SenderKind;
  sender: { url?: string; tab?: { id?: number }; frameId?: number };
}

/** The worker's `pose.grant` and `pose.claim` commands: who may offer a token, and who may claim one. */
export function poseGrantHandlers(grants: PoseGrants, viewUrl: string) {
  return {
    'pose.grant': async ({ token }: { token: string }, { kind, sender }: GrantContext) => {
      // Only the overlay's content script, in the page's top frame, in a tab the user asked for it.
      if (kind !== 'content-script' || sender.tab?.id === undefined || sender.frameId !== 0) {
        throw new SenderRefusedError('Only Hearth’s overlay script in the page may offer a camera token.');
      }
      await grants.offer(sender.tab.id, token);
      return { ok: true as const };
    },
    'pose.claim': async ({ token }: { token: string }, { kind, sender }: GrantContext) => {
      if (kind !== 'pose-view' || sender.tab?.id === undefined || sender.url?.split(/[?#]/)[0] !== viewUrl) {
        throw new SenderRefusedError('Only Hearth’s camera view inside a page may claim a camera token.');
      }
      await grants.claim(sender.tab.id, token, sender.frameId);
      return { ok: true as const };
    },
  };
}
