import type { ChatMessage } from '../messaging/protocol';
import type { Conversation, StoredMessage } from './chat-store';

export const newId = () => crypto.randomUUID().replace(/-/g, '').slice(0, 24);

export function createConversation(now = Date.now()): Conversation {
  return { id: newId(), title: 'New chat', createdAt: now, updatedAt: now, messages: [] };
}

/** The conversation with one message changed (a new object: what the chat app renders is never edited in place). */
export function withMessage(c: Conversation, id: string, change: (m: StoredMessage) => Partial<StoredMessage>): Conversation {
  return { ...c, messages: c.messages.map((m) => (m.id === id ? { ...m, ...change(m) } : m)) };
}

/** A title from the first user message: its first line, cut at a word near 48 characters. */
export function titleFor(text: string): string {
  const line = text.trim().split('\n')[0]!.replace(/\s+/g, ' ');
  if (line.length <= 48) return line || 'New chat';
  const cut = line.slice(0, 48);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 20 ? cut.lastIndexOf(' ') : 48)}…`;
}

/** The history the model sees: finished or stopped turns, without failed answers or empty ones. */
export function historyOf(messages: StoredMessage[]): ChatMessage[] {
  return messages
    .filter((m) => m.role === 'user' || (m.content.trim() && m.status !== 'error'))
    .map((m) => ({ role: m.role, content: m.content }));
}

/** The conversation as Markdown, for export. */
export function toMarkdown(c: Conversation): string {
  const when = new Date(c.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  const body = c.messages
    .map((m) => `## ${m.role === 'user' ? 'You' : 'Hearth'}\n\n${m.content}${m.status === 'stopped' ? '\n\n*(stopped)*' : ''}`)
    .join('\n\n');
  return `# ${c.title}\n\n*${when} UTC · exported from Hearth*\n\n${body}\n`;
}
