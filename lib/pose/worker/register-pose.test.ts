import { describe, expect, it, vi } from 'vitest';
import { togglePoseIn } from './register-pose';

describe('togglePoseIn', () => {
  it('injects the overlay script into the tab, retrying only while the activeTab grant settles', async () => {
    // Every call is recorded, the refused one too, so a wrong order shows in `order`.
    const order: string[] = [];
    const executeScript = vi
      .fn()
      .mockImplementationOnce(async () => {
        order.push('inject refused');
        throw new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.');
      })
      .mockImplementationOnce(async () => void order.push('inject'));
    const expectOverlay = vi.fn(async (tabId: number) => void order.push(`expect ${tabId}`));
    await togglePoseIn({ scripting: { executeScript } }, 7, expectOverlay, [1]);
    // The camera view's grant is expected before the script that asks for it runs, and only once.
    expect(order).toEqual(['expect 7', 'inject refused', 'inject']);
    expect(executeScript).toHaveBeenLastCalledWith({ target: { tabId: 7 }, files: ['/page-pose-overlay.js'] });
  });
  it('does not retry other failures (a chrome:// page stays refused, with its reason)', async () => {
    const executeScript = vi.fn().mockRejectedValue(new Error('Cannot access a chrome:// URL'));
    await expect(togglePoseIn({ scripting: { executeScript } }, 7, async () => {}, [1])).rejects.toThrow(/chrome:\/\//);
    expect(executeScript).toHaveBeenCalledTimes(1);
  });
});

describe('registerPoseEntry', () => {
  it('adds the menu item at install and toggles the overlay from the menu and the shortcut, in the tab they came from', async () => {
    const { registerPoseEntry, POSE_MENU, POSE_COMMAND } = await import('./register-pose');
    const listeners: Record<string, (...a: never[]) => void> = {};
    const executeScript = vi.fn(async () => []);
    const create = vi.fn();
    const expectOverlay = vi.fn(async () => {});
    registerPoseEntry({
      runtime: { onInstalled: { addListener: (cb) => void (listeners.installed = cb) } },
      contextMenus: { create, onClicked: { addListener: (cb) => void (listeners.menu = cb as never) } },
      commands: { onCommand: { addListener: (cb) => void (listeners.command = cb as never) } },
      scripting: { executeScript },
    }, expectOverlay);
    listeners.installed!();
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ id: POSE_MENU, contexts: ['page'] }));
    (listeners.menu as (i: unknown, t: unknown) => void)({ menuItemId: POSE_MENU }, { id: 3 });
    (listeners.menu as (i: unknown, t: unknown) => void)({ menuItemId: 'something-else' }, { id: 4 });
    (listeners.command as (c: string, t: unknown) => void)(POSE_COMMAND, { id: 5 });
    (listeners.command as (c: string, t: unknown) => void)(POSE_COMMAND, undefined); // no tab: nothing to do
    await new Promise((r) => setTimeout(r, 0));
    expect(executeScript.mock.calls.map((c) => (c as unknown as [{ target: { tabId: number } }])[0].target.tabId)).toEqual([3, 5]);
    expect(expectOverlay.mock.calls).toEqual([[3], [5]]);
  });
});
