import { describe, expect, it, vi } from 'vitest';
import { poseCloseHandlers } from './pose-close';

const VIEW = 'chrome-extension://hearth/pose-view.html';

describe('pose.close', () => {
  it('removes the overlay for the view that claimed the camera, in Hearth’s isolated world of the top frame', async () => {
    const executeScript = vi.fn(async () => [{}]);
    const own = vi.fn(async (tab: number, frame?: number) => tab === 2 && frame === 7);
    const h = poseCloseHandlers({ scripting: { executeScript } }, VIEW, own);
    await expect(h['pose.close'](undefined, { kind: 'pose-view', sender: { url: VIEW, tab: { id: 2 }, frameId: 7 } })).resolves.toEqual({ ok: true });
    expect(executeScript).toHaveBeenCalledWith(expect.objectContaining({ target: { tabId: 2, frameIds: [0] } }));
  });

  it('refuses a page script, another Hearth page, and a view a page framed beside the real one', async () => {
    const executeScript = vi.fn(async () => [{}]);
    const h = poseCloseHandlers({ scripting: { executeScript } }, VIEW, async (_t, frame) => frame === 7);
    const refused = { code: 'sender-refused' };
    await expect(h['pose.close'](undefined, { kind: 'content-script', sender: { url: 'https://a.test/', tab: { id: 2 }, frameId: 0 } })).rejects.toMatchObject(refused);
    await expect(h['pose.close'](undefined, { kind: 'extension-page', sender: { url: 'chrome-extension://hearth/popup.html', tab: { id: 2 } } })).rejects.toMatchObject(refused);
    await expect(h['pose.close'](undefined, { kind: 'pose-view', sender: { url: VIEW, tab: { id: 2 }, frameId: 9 } })).rejects.toMatchObject(refused);
    expect(executeScript).not.toHaveBeenCalled();
  });
});
