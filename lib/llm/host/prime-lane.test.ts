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
  it('waits while the engine is busy, then runs primes one at a time in order', async () => {
    const { lane, runs, setFree } = setup();
    setFree(false);
    lane.offer('a', req('A'));
    lane.offer('b', req('B'));
    expect(runs).toHaveLength(0);
    setFree(true);
    lane.kick();
    expect(runs.map((r) => r.prompt)).toEqual(['A']);
    runs[0]!.finish(true);
    await lane.settled();
    expect(runs.map((r) => r.prompt)).toEqual(['A', 'B']);
    runs[1]!.finish(true);
    await lane.settled();
    expect(lane.finished).toBe(2);
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

  it('keeps only the newest of primes with one key, and a bounded number in all', () => {
    const { lane, runs, setFree } = setup();
    setFree(false);
    lane.offer('a', req('old'));
    for (let i = 0; i < MAX_WAITING_PRIMES; i++) lane.offer(`k${i}`, req(`K${i}`));
    lane.offer('a', req('new'));
    expect(lane.waiting).toBe(MAX_WAITING_PRIMES);
    setFree(true);
    lane.kick();
    expect(runs.map((r) => r.prompt)).toEqual(['K1']); // the old "a", then K0, were dropped as the oldest
  });
});
