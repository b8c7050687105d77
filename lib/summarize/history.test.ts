import { describe, expect, it } from 'vitest';
import { createSummaryHistory, SUMMARY_HISTORY_KEY, SUMMARY_HISTORY_MAX } from './history';

function memoryStorage() {
  const data: Record<string, unknown> = {};
  return { data, get: async (k: string) => (k in data ? { [k]: structuredClone(data[k]) } : {}), set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)) };
}

describe('summary history', () => {
  it('keeps newest first, with title, address, date and text', async () => {
    let t = 1000;
    const h = createSummaryHistory(memoryStorage(), () => t++);
    await h.add({ title: 'A', url: 'https://a.test/', summary: 'first' });
    await h.add({ title: 'B', summary: 'second' });
    const list = await h.list();
    expect(list.map((s) => [s.title, s.url, s.at, s.summary])).toEqual([['B', undefined, 1001, 'second'], ['A', 'https://a.test/', 1000, 'first']]);
  });

  it('reads back only well-formed entries (whatever else got into storage is left out)', async () => {
    const storage = memoryStorage();
    storage.data[SUMMARY_HISTORY_KEY] = [
      { id: 'a', title: 'Good', url: 'https://a.test/', at: 5, summary: 'ok' },
      { id: 'b', title: { toString: 1 }, at: 5, summary: 'bad title' },
      { id: 'c', title: 'Script link', url: 'javascript:alert(1)', at: 5, summary: 'bad url' },
      null, 7, 'x',
      { id: 'd', title: 'Huge', at: 5, summary: 'x'.repeat(50_000) },
    ];
    expect((await createSummaryHistory(storage).list()).map((s) => s.id)).toEqual(['a']);
  });

  it('drops the oldest past the limit', async () => {
    const storage = memoryStorage();
    const h = createSummaryHistory(storage);
    for (let i = 0; i < SUMMARY_HISTORY_MAX + 3; i++) await h.add({ title: `T${i}`, summary: 's' });
    const list = await h.list();
    expect(list).toHaveLength(SUMMARY_HISTORY_MAX);
    expect(list[0]!.title).toBe(`T${SUMMARY_HISTORY_MAX + 2}`);
    expect(list.at(-1)!.title).toBe('T3');
    expect((storage.data[SUMMARY_HISTORY_KEY] as unknown[]).length).toBe(SUMMARY_HISTORY_MAX);
  });

  it('removes one and puts it back in date order', async () => {
    let t = 0;
    const h = createSummaryHistory(memoryStorage(), () => (t += 10));
    await h.add({ title: 'old', summary: '1' });
    const mid = await h.add({ title: 'mid', summary: '2' });
    await h.add({ title: 'new', summary: '3' });
    await h.remove(mid.id);
    expect((await h.list()).map((s) => s.title)).toEqual(['new', 'old']);
    await h.restore(mid);
    expect((await h.list()).map((s) => s.title)).toEqual(['new', 'mid', 'old']);
  });

  it('reads a missing or damaged entry as empty', async () => {
    const storage = memoryStorage();
    storage.data[SUMMARY_HISTORY_KEY] = 'junk';
    expect(await createSummaryHistory(storage).list()).toEqual([]);
  });
});
