import { describe, expect, it } from 'vitest';
import { searchConversations, searchSummaries } from './search-history';
import type { Conversation } from '../chat/chat-store';

const conv = (id: string, title: string, ...texts: string[]): Conversation => ({
  id, title, createdAt: 0, updatedAt: 0,
  messages: texts.map((content, i) => ({ id: `${id}${i}`, role: i % 2 ? 'assistant' : 'user', content, createdAt: 0 })),
});

describe('history search', () => {
  const list = [conv('a', 'Bread recipe', 'How long to knead?', 'About ten minutes.'), conv('b', 'Trip', 'Trains to Lyon', 'The TGV leaves at 9.')];
  it('matches titles and message text, any case, every word', () => {
    expect(searchConversations(list, 'bread').map((c) => c.id)).toEqual(['a']);
    expect(searchConversations(list, 'TGV lyon').map((c) => c.id)).toEqual(['b']);
    expect(searchConversations(list, 'ten lyon')).toEqual([]);
  });
  it('a blank query keeps everything', () => {
    expect(searchConversations(list, '  ')).toBe(list);
  });
  it('finds summaries by title, address or text', () => {
    const s = [{ id: '1', title: 'News', url: 'https://example.org/x', at: 0, summary: 'Rain tomorrow' }, { id: '2', title: 'Pasted text', at: 0, summary: 'Sunny' }];
    expect(searchSummaries(s, 'example.org').map((x) => x.id)).toEqual(['1']);
    expect(searchSummaries(s, 'sunny').map((x) => x.id)).toEqual(['2']);
  });
});
