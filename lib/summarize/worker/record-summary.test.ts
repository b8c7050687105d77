import { describe, expect, it } from 'vitest';
import { summaryRecordHandlers } from './record-summary';
import { createSummaryHistory, SUMMARY_HISTORY_KEY } from '../history';

function memoryStorage() {
  const data: Record<string, unknown> = {};
  return { data, get: async (k: string) => (k in data ? { [k]: structuredClone(data[k]) } : {}), set: async (items: Record<string, unknown>) => void Object.assign(data, structuredClone(items)) };
}

describe('summary.record (the worker writes History)', () => {
  it('records the panel’s summary under the address Chrome reports for the sender, not one it claims', async () => {
    const storage = memoryStorage();
    const h = summaryRecordHandlers(createSummaryHistory(storage));
    const sender = { url: 'https://news.test/story', tab: { id: 3 }, frameId: 0 };
    await h['summary.record']({ title: 'Story', summary: 'It happened.', url: 'https://bank.test/' } as never, { kind: 'content-script', sender });
    expect(storage.data[SUMMARY_HISTORY_KEY]).toEqual([expect.objectContaining({ title: 'Story', url: 'https://news.test/story', summary: 'It happened.' })]);
  });

  it('refuses other frames, Hearth’s pages and malformed records', async () => {
    const h = summaryRecordHandlers(createSummaryHistory(memoryStorage()));
    const page = { url: 'https://a.test/', tab: { id: 3 }, frameId: 0 };
    await expect(h['summary.record']({ title: 'x', summary: 'y' }, { kind: 'content-script', sender: { ...page, frameId: 2 } })).rejects.toMatchObject({ code: 'sender-refused' });
    await expect(h['summary.record']({ title: 'x', summary: 'y' }, { kind: 'extension-page', sender: { url: 'chrome-extension://h/popup.html' } })).rejects.toMatchObject({ code: 'sender-refused' });
    await expect(h['summary.record']({ title: 'x', summary: 42 } as never, { kind: 'content-script', sender: page })).rejects.toMatchObject({ code: 'bad-request' });
  });
});
