/** storage.session key: the id of this browser session (Chrome empties storage.session when the browser closes). */
export const BROWSER_SESSION_KEY = 'hearth:browser-session';

/** The part of `storage.session` used here. */
export interface SessionArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const valid = (id: unknown): id is string => typeof id === 'string' && /^[\w-]{16,64}$/.test(id);

/**
 * Which browser session a source was read in. A conversation is kept across restarts, but tab ids are not: after a
 * restart a stored citation's tab id can name any tab, so a source is stamped with this id and a citation from an
 * earlier session is refused instead of being looked for in whatever tab has that number now. The worker mints the
 * id at its start; a view that comes first mints it too, then reads back what was stored (the last writer wins).
 */
export function createBrowserSession(area: SessionArea, mint: () => string = () => crypto.randomUUID()): () => Promise<string> {
  let id: Promise<string> | null = null;
  const load = async () => {
    const found = (await area.get(BROWSER_SESSION_KEY))[BROWSER_SESSION_KEY];
    if (valid(found)) return found;
    await area.set({ [BROWSER_SESSION_KEY]: mint() });
    const stored = (await area.get(BROWSER_SESSION_KEY))[BROWSER_SESSION_KEY];
    if (!valid(stored)) throw new Error('Hearth could not keep its browser session id.');
    return stored;
  };
  return () => (id ??= load().catch((err) => Promise.reject(((id = null), err))));
}
