import { describe, expect, it } from 'vitest';
import { replacePanel } from './panel-slot';

const slot = { trigger: '__t', close: '__c' };

describe('replacePanel', () => {
  it('takes the trigger once, closes the older panel (giving focus back) and keeps the new close', async () => {
    const closed: (boolean | undefined)[] = [];
    const world: Record<string, unknown> = { __t: { mode: 'selection' }, __c: (refocus?: boolean) => closed.push(refocus) };
    const opened: unknown[] = [];
    const close = () => {};
    await replacePanel(slot, async (t) => (opened.push(t), close), world);
    expect(opened).toEqual([{ mode: 'selection' }]);
    expect(closed).toEqual([true]);
    expect(world.__t).toBeUndefined();
    expect(world.__c).toBe(close);
  });
  it('opens the fallback when no trigger was set, and nothing without one', async () => {
    const world: Record<string, unknown> = {};
    const opened: unknown[] = [];
    await replacePanel({ ...slot, fallback: { mode: 'page' } }, async (t) => (opened.push(t), () => {}), world);
    expect(opened).toEqual([{ mode: 'page' }]);
    const before = world.__c;
    await replacePanel(slot, async (t) => (opened.push(t), () => {}), world);
    expect(opened).toHaveLength(1);
    expect(world.__c).toBe(before);
  });
  it('leaves the focus where it is when told to (a new field has it)', async () => {
    const closed: (boolean | undefined)[] = [];
    const world: Record<string, unknown> = { __t: { action: 'x' }, __c: (refocus?: boolean) => closed.push(refocus) };
    await replacePanel({ ...slot, refocusOld: false }, async () => () => {}, world);
    expect(closed).toEqual([false]);
  });
});
