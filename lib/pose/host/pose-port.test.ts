import { describe, expect, it, vi } from 'vitest';
import { handlePosePort } from './pose-port';
import type { PoseSession } from './pose-session';

const ID = 'hearthid';

function fakePort(sender: object) {
  const sent: unknown[] = [];
  const listeners: ((m: unknown) => void)[] = [];
  const port = {
    name: 'hearth:pose',
    sender,
    postMessage: (m: unknown) => sent.push(m),
    disconnect: vi.fn(),
    onMessage: { addListener: (cb: (m: unknown) => void) => listeners.push(cb) },
    onDisconnect: { addListener: () => {} },
  };
  return { port, sent, deliver: (m: unknown) => listeners.forEach((l) => l(m)) };
}

const session = () => ({ subscribe: vi.fn(() => () => {}), status: () => ({ active: false, numTensors: 0 }) }) as unknown as PoseSession & { subscribe: ReturnType<typeof vi.fn> };

describe('pose port', () => {
  it.each([
    ['a content script in a web page', { id: ID, url: 'https://example.com/', tab: { id: 1 } }],
    ['another extension', { id: 'other', url: 'chrome-extension://other/x.html' }],
  ])('refuses %s before the camera starts', (_name, sender) => {
    const s = session();
    const refused = vi.fn();
    const { port, sent, deliver } = fakePort(sender);
    handlePosePort(port as never, s, ID, refused);
    deliver({ type: 'start', settings: { model: 'lightning', backend: 'auto' } });
    expect(s.subscribe).not.toHaveBeenCalled();
    expect(sent).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'sender-refused' }) }]);
    expect(port.disconnect).toHaveBeenCalled();
    expect(refused).toHaveBeenCalled();
  });

  it('lets Hearth’s overlay page start, with unknown settings replaced by safe defaults', () => {
    const s = session();
    const { port, deliver } = fakePort({ id: ID, url: `chrome-extension://${ID}/pose-view.html`, tab: { id: 1 } });
    handlePosePort(port as never, s, ID);
    deliver({ type: 'start', settings: { model: '../../etc', backend: 'quantum' } });
    expect(s.subscribe).toHaveBeenCalledWith({ model: 'lightning', backend: 'auto' }, expect.any(Function));
  });
});
