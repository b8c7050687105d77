import { describe, expect, it } from 'vitest';
import { createSerialQueue } from './serial-queue';

describe('createSerialQueue', () => {
  it('runs tasks one at a time, in order, and survives a failing task', async () => {
    const q = createSerialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => async () => {
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const a = q.run(task('a', 30));
    const b = q.run(task('b', 5, true));
    const c = q.run(task('c', 1));
    expect(q.size).toBe(3);
    await expect(a).resolves.toBe('a');
    await expect(b).rejects.toThrow('b');
    await expect(c).resolves.toBe('c');
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(q.size).toBe(0);
  });

  it('tells each waiting task how many are ahead of it, again whenever that changes', async () => {
    const q = createSerialQueue();
    const places: Record<string, number[]> = { a: [], b: [], c: [], d: [] };
    const gates: Array<() => void> = [];
    const task = () => new Promise<void>((r) => gates.push(r));
    const all = ['a', 'b', 'c', 'd'].map((n) => q.run(task, (p) => places[n]!.push(p)));
    await new Promise((r) => setTimeout(r, 0));
    expect(places).toEqual({ a: [0], b: [1], c: [2], d: [3] });
    gates.shift()!(); // a ends, b starts
    await new Promise((r) => setTimeout(r, 0));
    expect(places).toEqual({ a: [0], b: [1], c: [2, 1], d: [3, 2] });
    while (gates.length || q.size) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(all);
    expect(places).toEqual({ a: [0], b: [1], c: [2, 1], d: [3, 2, 1] });
  });
});
