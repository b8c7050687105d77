import { describe, expect, it } from 'vitest';
import { actionOfMenuItem, writeMenuItems } from './menu';

describe('writing help menu', () => {
  it('maps every leaf item to its action, and nothing else', () => {
    const items = writeMenuItems();
    const parents = new Set(items.map((i) => i.parentId).filter(Boolean));
    for (const item of items) {
      if (parents.has(item.id)) expect(actionOfMenuItem(item.id)).toBeNull();
      else expect(actionOfMenuItem(item.id)).not.toBeNull();
    }
    expect(actionOfMenuItem('hearth-write:proofread')).toEqual({ kind: 'proofread' });
    expect(actionOfMenuItem('hearth-write:rewrite:formal')).toEqual({ kind: 'rewrite', tone: 'formal' });
    expect(actionOfMenuItem('hearth-write:translate:German')).toEqual({ kind: 'translate', language: 'German' });
  });

  it('refuses other ids and unknown tones or languages', () => {
    expect(actionOfMenuItem('hearth-summarize-selection')).toBeNull();
    expect(actionOfMenuItem('hearth-write:rewrite:angrier')).toBeNull();
    expect(actionOfMenuItem('hearth-write:translate:Klingon')).toBeNull();
    expect(actionOfMenuItem('hearth-write:proofread:x')).toBeNull();
  });

  it('shows the shortcut on Proofread', () => {
    expect(writeMenuItems('Alt+Shift+P')[0]!.title).toBe('Proofread (Alt+Shift+P)');
  });
});
