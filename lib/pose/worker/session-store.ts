import type { SessionRecord } from '../coach/session-stats';

const DB = 'hearth-coach';
const STORE = 'sessions';

export class SessionStoreError extends Error {
  override name = 'SessionStoreError';
}

const done = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new SessionStoreError(`Hearth could not use its session store: ${req.error?.message ?? 'unknown error'}.`));
  });

/**
 * Exercise sessions in IndexedDB of the extension's own origin: they never leave the device (the view is an
 * extension page, so no site can read them). `idb` is the IDBFactory (tests pass fake-indexeddb's).
 */
export function createSessionStore(idb: IDBFactory) {
  let opened: Promise<IDBDatabase> | null = null;
  const open = () =>
    (opened ??= (() => {
      const req = idb.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { autoIncrement: true }).createIndex('startedAt', 'startedAt');
      return done(req);
    })());
  const store = async (mode: IDBTransactionMode) => (await open()).transaction(STORE, mode).objectStore(STORE);

  return {
    async add(record: SessionRecord): Promise<void> {
      await done((await store('readwrite')).add(record));
    },
    /** All sessions, oldest first. */
    async list(): Promise<SessionRecord[]> {
      return done((await store('readonly')).index('startedAt').getAll() as IDBRequest<SessionRecord[]>);
    },
    async clear(): Promise<void> {
      await done((await store('readwrite')).clear());
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
