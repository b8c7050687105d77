import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createChatStore } from './chat-store';
import { persistJob } from '../host/persist-job';
import { createConversation, historyOf, titleFor, toMarkdown } from './conversation';

describe('chat store (IndexedDB)', () => {
  it('keeps conversations newest first, and updates one message in place', async () => {
    const store = createChatStore(indexedDB);
    const a = { ...createConversation(1000), title: 'a' };
    const b = { ...createConversation(2000), title: 'b' };
    a.messages.push({ id: 'm1', role: 'user', content: 'hi', createdAt: 1 }, { id: 'm2', role: 'assistant', content: '', createdAt: 2, status: 'streaming' });
    await store.put(a);
    await store.put(b);
    expect((await store.list()).map((c) => c.title)).toEqual(['b', 'a']);

    await persistJob(store, { id: 'm2', text: 'Hello', status: 'done', persist: { conversationId: a.id, messageId: 'm2' } });
    const saved = await store.get(a.id);
    expect(saved?.messages[1]).toMatchObject({ content: 'Hello', status: 'done' });
    expect((await store.list())[0]!.id).toBe(a.id); // touched last
    expect(await store.updateMessage('missing', 'm2', { content: 'x' })).toBe(false);

    await store.remove(a.id);
    expect((await store.list()).map((c) => c.title)).toEqual(['b']);
  });
});

describe('conversation helpers', () => {
  it('titles a chat from its first line, cut at a word', () => {
    expect(titleFor('  Short question\nmore')).toBe('Short question');
    expect(titleFor('word '.repeat(30))).toMatch(/^(word ){8}word…$|^word( word)+…$/);
    expect(titleFor('   ')).toBe('New chat');
  });
  it('sends the model finished and stopped turns, not failed or empty answers', () => {
    const h = historyOf([
      { id: '1', role: 'user', content: 'q1', createdAt: 0 },
      { id: '2', role: 'assistant', content: 'partial', createdAt: 0, status: 'stopped' },
      { id: '3', role: 'user', content: 'q2', createdAt: 0 },
      { id: '4', role: 'assistant', content: 'oops', createdAt: 0, status: 'error' },
      { id: '5', role: 'assistant', content: ' ', createdAt: 0, status: 'done' },
    ]);
    expect(h).toEqual([
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: 'partial' },
      { role: 'user', content: 'q2' },
    ]);
  });
  it('exports Markdown with speakers and stopped answers marked', () => {
    const c = { ...createConversation(Date.UTC(2026, 0, 2, 3, 4)), title: 'T' };
    c.messages.push({ id: '1', role: 'user', content: 'q', createdAt: 0 }, { id: '2', role: 'assistant', content: 'a', createdAt: 0, status: 'stopped' });
    expect(toMarkdown(c)).toBe('# T\n\n*2026-01-02 03:04 UTC · exported from Hearth*\n\n## You\n\nq\n\n## Hearth\n\na\n\n*(stopped)*\n');
  });
});
