import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createChatStore } from './chat-store';
import { persistJob } from './host/persist-job';
import { createConversation, historyOf, titleFor, toMarkdown, withMessage } from './conversation';

const later = () => new Promise((resolve) => setTimeout(resolve, 3));

describe('chat store (IndexedDB)', () => {
  it('keeps conversations newest first; the app adds questions, the host adds and updates its answer', async () => {
    const store = createChatStore(indexedDB);
    const a = { ...createConversation(1000), title: 'a' };
    const b = { ...createConversation(2000), title: 'b' };
    await store.addMessage(a, { id: 'm1', role: 'user', content: 'hi', createdAt: 1 });
    await later(); // each write stamps updatedAt with Date.now(): keep them in distinct milliseconds
    await store.addMessage(b, { id: 'n1', role: 'user', content: 'yo', createdAt: 2 });
    expect((await store.list()).map((c) => c.title)).toEqual(['b', 'a']);

    const job = { id: 'm2', text: '', status: 'running' as const, persist: { conversationId: a.id, messageId: 'm2' } };
    await later();
    await persistJob(store, job);
    expect((await store.get(a.id))?.messages[1]).toMatchObject({ id: 'm2', role: 'assistant', content: '', status: 'streaming' });
    await persistJob(store, { ...job, text: 'Hello', status: 'done' });
    const saved = await store.get(a.id);
    expect(saved?.messages).toHaveLength(2);
    expect(saved?.messages[1]).toMatchObject({ content: 'Hello', status: 'done' });
    expect((await store.list())[0]!.id).toBe(a.id); // touched last
    expect(await store.saveAnswer('missing', 'm2', { content: 'x' })).toBe(false);

    expect(await store.removeMessage(a.id, 'm2')).toBe(true);
    expect((await store.get(a.id))?.messages.map((m) => m.id)).toEqual(['m1']);
    await store.remove(a.id);
    expect((await store.list()).map((c) => c.title)).toEqual(['b']);
  });

  it('loses neither writer’s edit when the app and the host write the same conversation at once', async () => {
    const app = createChatStore(indexedDB); // two connections, as the popup and the offscreen host have
    const host = createChatStore(indexedDB);
    const c = { ...createConversation(3000), title: 'c' };
    await app.addMessage(c, { id: 'q1', role: 'user', content: 'first', createdAt: 1 });
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => host.saveAnswer(c.id, 'a1', { content: 'x'.repeat(i + 1), status: 'streaming' })),
      app.addMessage(c, { id: 'q2', role: 'user', content: 'second', createdAt: 2 }),
      host.saveAnswer(c.id, 'a1', { content: 'xxxxxx', status: 'done' }),
    ]);
    const saved = await app.get(c.id);
    expect(saved?.messages.map((m) => m.id).sort()).toEqual(['a1', 'q1', 'q2']);
    expect(saved?.messages.find((m) => m.id === 'a1')).toMatchObject({ content: 'xxxxxx', status: 'done' });
  });
});

describe('conversation helpers', () => {
  it('changes one message into a new conversation, leaving the old one as it was', () => {
    const c = { ...createConversation(0), messages: [{ id: 'a', role: 'assistant' as const, content: 'one', createdAt: 0 }, { id: 'b', role: 'user' as const, content: 'q', createdAt: 0 }] };
    const next = withMessage(c, 'a', (m) => ({ content: `${m.content} two` }));
    expect(next.messages.map((m) => m.content)).toEqual(['one two', 'q']);
    expect(c.messages[0]!.content).toBe('one');
    expect(next.messages[1]).toBe(c.messages[1]);
  });
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

  it('drops a message and all after it (edit and resend), and puts a deleted conversation back (undo)', async () => {
    const store = createChatStore(indexedDB);
    const c = { ...createConversation(4000), title: 'edit' };
    for (const [id, role] of [['q1', 'user'], ['a1', 'assistant'], ['q2', 'user'], ['a2', 'assistant']] as const) {
      await store.addMessage(c, { id, role, content: id, createdAt: 1 });
    }
    expect(await store.removeFrom(c.id, 'q2')).toBe(true);
    expect((await store.get(c.id))?.messages.map((m) => m.id)).toEqual(['q1', 'a1']);
    const before = (await store.get(c.id))!;
    await store.remove(c.id);
    expect(await store.get(c.id)).toBeUndefined();
    await store.restore(before);
    expect(await store.get(c.id)).toEqual(before);
  });
});
