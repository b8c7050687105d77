import { describe, expect, it, vi } from 'vitest';
import { FOLLOW_UP_KEY } from '../follow-up';
import { followUpHandlers, FollowUpError } from './follow-up-entry';

describe('followUpHandlers', () => {
  it('the worker leaves it for the chat and opens the side panel on the sender’s tab, before anything else', async () => {
    const order: string[] = [];
    const b = {
      sidePanel: { open: vi.fn(async () => void order.push('open')) },
      storage: { session: { set: vi.fn(async (_items: Record<string, unknown>) => void order.push('set')) } },
    };
    const h = followUpHandlers(b)['ask.followUp'];
    expect(await h({ summary: 'S', title: 'T' }, { sender: { tab: { id: 7 } }, kind: 'content-script' })).toEqual({ opened: true });
    expect(order[0]).toBe('open');
    expect(b.sidePanel.open).toHaveBeenCalledWith({ tabId: 7 });
    expect(b.storage.session.set.mock.calls[0]![0][FOLLOW_UP_KEY]).toMatchObject({ tabId: 7, summary: 'S', title: 'T' });
    b.sidePanel.open.mockRejectedValueOnce(new Error('`sidePanel.open()` may only be called in response to a user gesture.'));
    expect(await h({ summary: 'S' }, { sender: { tab: { id: 7 } }, kind: 'content-script' })).toEqual({ opened: false });
    await expect(h({ summary: 'S' }, { sender: {}, kind: 'extension-page' })).rejects.toBeInstanceOf(FollowUpError);
    await expect(h({ summary: ' ' }, { sender: { tab: { id: 7 } }, kind: 'content-script' })).rejects.toBeInstanceOf(FollowUpError);
  });
});
