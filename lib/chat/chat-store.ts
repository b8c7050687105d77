import type { GenerateStats } from '../messaging/protocol';

export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: number;
  status?: MessageStatus;
  error?: string;
  stats?: GenerateStats;
}

export interface Conversation {
  id: string;
  title: string;
  createdAt: number;
  updatedAt: number;
  messages: StoredMessage[];
}

const DB = 'hearth-chat';
const STORE = 'conversations';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/**
 * Conversations in the extension's IndexedDB. The popup, the side panel and the offscreen host share it
 * (one origin), so the host can save an answer that goes on after the popup closed.
 */
export function createChatStore(idb: IDBFactory = indexedDB) {
  let opened: Promise<IDBDatabase> | null = null;
  const db = () =>
    (opened ??= new Promise((resolve, reject) => {
      const req = idb.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }));
  const tx = async (mode: IDBTransactionMode) => (await db()).transaction(STORE, mode).objectStore(STORE);

  return {
    async list(): Promise<Conversation[]> {
      const all = await request((await tx('readonly')).getAll() as IDBRequest<Conversation[]>);
      return all.sort((a, b) => b.updatedAt - a.updatedAt);
    },
    async get(id: string): Promise<Conversation | undefined> {
      return request((await tx('readonly')).get(id) as IDBRequest<Conversation | undefined>);
    },
    async put(conversation: Conversation): Promise<void> {
      await request((await tx('readwrite')).put(conversation));
    },
    async remove(id: string): Promise<void> {
      await request((await tx('readwrite')).delete(id));
    },
    /** Change one message inside one read-write transaction, so two writers never lose each other's edits. */
    async updateMessage(conversationId: string, messageId: string, patch: Partial<StoredMessage>): Promise<boolean> {
      const store = await tx('readwrite');
      const conversation = await request(store.get(conversationId) as IDBRequest<Conversation | undefined>);
      const message = conversation?.messages.find((m) => m.id === messageId);
      if (!conversation || !message) return false;
      Object.assign(message, patch);
      conversation.updatedAt = Date.now();
      await request(store.put(conversation));
      return true;
    },
  };
}

export type ChatStore = ReturnType<typeof createChatStore>;
