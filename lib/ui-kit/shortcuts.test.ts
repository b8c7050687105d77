import { describe, expect, it } from 'vitest';
import { readShortcuts, withShortcut } from './shortcuts';

describe('shortcuts', () => {
  it('reads the keys Chrome reports, leaving out commands without one', async () => {
    const s = await readShortcuts({
      getAll: async () => [
        { name: 'summarize-page', shortcut: 'Ctrl+Shift+Y', description: 'Summarize this page' },
        { name: 'toggle-pose', shortcut: '', description: 'Pose' },
      ],
    });
    expect(s).toEqual({ 'summarize-page': 'Ctrl+Shift+Y' });
    expect(withShortcut('Summarize this page', s, 'summarize-page')).toBe('Summarize this page (Ctrl+Shift+Y)');
    expect(withShortcut('Pose overlay', s, 'toggle-pose')).toBe('Pose overlay');
  });
});
