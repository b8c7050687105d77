import { describe, expect, it, vi } from 'vitest';
import { togglePoseIn } from './register-pose';

describe('togglePoseIn', () => {
  it('injects the overlay script into the tab, retrying only while the activeTab grant settles', async () => {
    const executeScript = vi
      .fn()
      .mockRejectedValueOnce(new Error('Cannot access contents of the page. Extension manifest must request permission to access the respective host.'))
      .mockResolvedValueOnce([]);
    await togglePoseIn({ scripting: { executeScript } }, 7, [1]);
    expect(executeScript).toHaveBeenCalledTimes(2);
    expect(executeScript).toHaveBeenLastCalledWith({ target: { tabId: 7 }, files: ['/content-scripts/pose-overlay.js'] });
  });
  it('does not retry other failures (a chrome:// page stays refused, with its reason)', async () => {
    const executeScript = vi.fn().mockRejectedValue(new Error('Cannot access a chrome:// URL'));
    await expect(togglePoseIn({ scripting: { executeScript } }, 7, [1])).rejects.toThrow(/chrome:\/\//);
    expect(executeScript).toHaveBeenCalledTimes(1);
  });
});
