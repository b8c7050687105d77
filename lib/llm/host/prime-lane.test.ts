import { describe, expect, it } from 'vitest';
import { createPrimeLane, MAX_WAITING_PRIMES } from './prime-lane';
import type { GenerateRequest } from '../../messaging/protocol';

const req = (prompt: string): GenerateRequest => ({ input: { kind: 'completion', prompt } });
const promptOf = (r: GenerateRequest) => (r.input.kind === 'completion' ? r.input.prompt : '');

/** A lane whose runs finish only when the test says (or when aborted). */
function setup() {
  let free = true;
  const runs: Array<{ prompt: string; signal: AbortSignal; finish(whole: boolean): void }> = [];
  const lane = createPrimeLane({
    canStart: () => free,
    run: (request, signal) =>
      new Promise<boolean>((resolve) => {
        runs.push({ prompt: promptOf(request), signal, finish: resolve });
        signal.addEventListener('abort', () => resolve(false));
      }),
  });
  return { lane, runs, setFree: (f: boolean) => void (free = f) };
}

describe('the prime lane', () => {
  it('waits while the engine is busy, then runs primes one at a time, the newest first', async () => {
    const { lane, runs, setFree } = setup();
    setFree(false);
    lane.offer('a', req('A'));
    lane.offer('b', req('B'));
    expect(runs).toHaveLength(0);
    setFree(true);
    lane.kick();
    expect(runs.map((r) => r.prompt)).toEqual(['B']);
    runs[0]!.finish(true);
    await lane.settled();
    expect(runs.map((r) => r.prompt)).toEqual(['B', 'A']);
    runs[1]!.finish(true);
    await lane.settled();
    expect(lane.finished).toBe(2);
  });

  it('a prime of another page stops the running one, reads first, then the stopped one goes on', async () => {
    const { lane, runs } = setup();
    lane.offer('a', req('A'));
    lane.offer('b', req('B'));
    expect(runs[0]!.signal.aborted).toBe(true); // A stops at its next batch for B
    runs[0]!.finish(false);
    await lane.settled();
    expect(runs.map((r) => r.prompt)).toEqual(['A', 'B']);
    lane.offer('c', req('C')); // C stops B; then C, then B (opened after A), then A
    runs[1]!.finish(false);
    await lane.settled();
    runs[2]!.finish(true);
    await lane.settled();
    runs[3]!.finish(true);
    await lane.settled();
    expect(runs.map((r) => r.prompt)).toEqual(['A', 'B', 'C', 'B', 'A']);
  });

  it('puts a preempted prime back in line, and runs it again once the engine is free', async () => {
    const { lane, runs, setFree } = setup();
    lane.offer('a', req('A'));
    setFree(false);
    lane.preempt();
    expect(runs[0]!.signal.aborted).toBe(true);
    await lane.settled();
    expect(lane.running).toBe(false);
    expect(lane.waiting).toBe(1);
    setFree(true);
    lane.kick();
    expect(runs.map((r) => r.prompt)).toEqual(['A', 'A']);
    expect(lane.finished).toBe(0);
  });

  it('keeps only the newest of primes with one key, and a bounded number in all', async () => {
    const { lane, runs, setFree } = setup();
    setFree(false);
    lane.offer('a', req('old'));
    for (let i = 0; i < MAX_WAITING_PRIMES; i++) lane.offer(`k${i}`, req(`K${i}`));
    lane.offer('a', req('new'));
    expect(lane.waiting).toBe(MAX_WAITING_PRIMES);
    setFree(true);
    lane.kick();
    expect(runs.map((r) => r.prompt)).toEqual(['new']); // the newest first
    for (let i = 0; i < MAX_WAITING_PRIMES; i++) {
      runs.at(-1)!.finish(true);
      await lane.settled();
    }
    // The old "a" was replaced, and K0 dropped as the oldest when the line was full.
    expect(new Set(runs.map((r) => r.prompt))).toEqual(new Set(['new', ...Array.from({ length: MAX_WAITING_PRIMES - 1 }, (_, i) => `K${i + 1}`)]));
  });
});
