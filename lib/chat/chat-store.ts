import type { GenerateStats } from '../messaging/protocol';
import type { CitedPassage } from './passage';

export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

export interface StoredMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  createdAt: number;
  status?: MessageStatus;
  error?: string;
  stats?: GenerateStats;
  /** On a question asked about open tabs: the passages the model was given with it, numbered as cited. */
  passages?: CitedPassage[];
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
 * Conversations in the extension's IndexedDB. The popup, the side panel and the offscreen host share it (one origin),
 * so the host can save an answer that goes on after the popup closed. Each writer changes only what it owns, one
 * message at a time inside one read-write transaction, and never writes a whole conversation back: the chat app adds
 * the user's messages and deletes (a conversation, or an answer to regenerate); the host alone writes answers
 * (saveAnswer, from lib/chat/host/persist-job.ts). IndexedDB runs overlapping read-write transactions one after the
 * other, even across documents, so neither loses the other's edit.
 */
export function createChatStore(idb: IDBFactory) {
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
    async remove(id: string): Promise<void> {
      await request((await tx('readwrite')).delete(id));
    },
    /** The chat app: add the user's message, creating the conversation on its first one. */
    async addMessage(conversation: Pick<Conversation, 'id' | 'title' | 'createdAt'>, message: StoredMessage): Promise<void> {
      await change(conversation.id, (c) => {
        if (!c.messages.some((m) => m.id === message.id)) c.messages.push(message);
      }, { ...conversation, updatedAt: conversation.createdAt, messages: [] });
    },
    /** The chat app: drop one message (the answer the user regenerates). */
    async removeMessage(conversationId: string, messageId: string): Promise<boolean> {
      return change(conversationId, (c) => void (c.messages = c.messages.filter((m) => m.id !== messageId)));
    },
    /** The chat app: drop a message and every one after it (the user edits it and sends it again). */
    async removeFrom(conversationId: string, messageId: string): Promise<boolean> {
      return change(conversationId, (c) => {
        const at = c.messages.findIndex((m) => m.id === messageId);
        if (at >= 0) c.messages = c.messages.slice(0, at);
      });
    },
    /** The chat app: put back a conversation the user deleted and then undid (as it was when deleted). */
    async restore(conversation: Conversation): Promise<void> {
      await request((await tx('readwrite')).put(conversation));
    },
    /** The host: write its answer, adding it after the conversation's last message the first time. */
    async saveAnswer(conversationId: string, messageId: string, patch: Omit<Partial<StoredMessage>, 'id' | 'role'>): Promise<boolean> {
      return change(conversationId, (c) => {
        const message = c.messages.find((m) => m.id === messageId);
        if (message) Object.assign(message, patch);
        else c.messages.push({ id: messageId, role: 'assistant', content: '', createdAt: Date.now(), ...patch });
      });
    },
  };

  /** Read, change and write one conversation inside one read-write transaction; false when it does not exist. */
  async function change(id: string, edit: (c: Conversation) => void, create?: Conversation): Promise<boolean> {
    const store = await tx('readwrite');
    const conversation = (await request(store.get(id) as IDBRequest<Conversation | undefined>)) ?? create;
    if (!conversation) return false;
    edit(conversation);
    conversation.updatedAt = Date.now();
    await request(store.put(conversation));
    return true;
  }
}

export type ChatStore = ReturnType<typeof createChatStore>;
