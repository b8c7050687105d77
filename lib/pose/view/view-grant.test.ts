import { describe, expect, it, vi } from 'vitest';
import { SenderRefusedError, HostUnavailableError } from '../../messaging/errors';
import { NOT_OPENED_BY_HEARTH, waitForPoseGrant } from './view-grant';

function fakeWindow() {
  const parent = {};
  const listeners = new Set<(e: MessageEvent) => void>();
  const win = {
    parent,
    addEventListener: (_: string, cb: (e: MessageEvent) => void) => listeners.add(cb),
    removeEventListener: (_: string, cb: (e: MessageEvent) => void) => listeners.delete(cb),
  };
  const post = (data: unknown, source: unknown = parent) => listeners.forEach((l) => l({ data, source } as MessageEvent));
  return { win: win as never, post, listeners };
}

describe('waitForPoseGrant', () => {
  it('claims the token the parent frame posts, skipping forged ones', async () => {
    const { win, post, listeners } = fakeWindow();
    const claim = vi.fn(async (t: string) => {
      if (t !== 'good') throw new SenderRefusedError('no');
    });
    const done = waitForPoseGrant(win, claim, 1_000);
    post({ hearth: 'pose-token', token: 'forged' });
    post({ hearth: 'pose-token', token: 'good' }, {}); // not from the parent frame: ignored
    post({ hearth: 'pose-token', token: 42 });
    post({ hearth: 'pose-token', token: 'good' });
    await expect(done).resolves.toBeUndefined();
    expect(claim.mock.calls).toEqual([['forged'], ['good']]);
    expect(listeners.size).toBe(0);
  });

  it('refuses, with what to do, when no valid token comes or the view is not in a frame', async () => {
    const { win, post } = fakeWindow();
    const done = waitForPoseGrant(win, async () => Promise.reject(new SenderRefusedError('no')), 20);
    post({ hearth: 'pose-token', token: 'forged' });
    await expect(done).rejects.toThrow(NOT_OPENED_BY_HEARTH);
    const top = { addEventListener() {}, removeEventListener() {} } as unknown as { parent: unknown };
    top.parent = top;
    await expect(waitForPoseGrant(top as never, async () => {}, 20)).rejects.toThrow(NOT_OPENED_BY_HEARTH);
  });

  it('reports a worker that cannot be reached as it is, not as a refusal', async () => {
    const { win, post } = fakeWindow();
    const done = waitForPoseGrant(win, async () => Promise.reject(new HostUnavailableError('The worker did not answer.')), 1_000);
    post({ hearth: 'pose-token', token: 'good' });
    await expect(done).rejects.toBeInstanceOf(HostUnavailableError);
  });
});
