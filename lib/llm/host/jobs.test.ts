import { describe, expect, it, vi } from 'vitest';
import { createJobRegistry, type Job } from './jobs';
import type { GenerateHostMessage, GenerateStats } from '../../messaging/protocol';
import { GenerationError } from '../../messaging/errors';

const stats: GenerateStats = { promptTokens: 1, completionTokens: 3, timeToFirstTokenMs: 1, finishReason: 'stop' };
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A job whose tokens the test releases by hand. */
function manualJob() {
  let emit: (m: GenerateHostMessage) => void = () => {};
  let finish: (s: GenerateStats) => void = () => {};
  let fail: (e: Error) => void = () => {};
  let signal: AbortSignal | undefined;
  const run = (e: typeof emit, s: AbortSignal) => {
    emit = e;
    signal = s;
    return new Promise<GenerateStats>((res, rej) => {
      finish = res;
      fail = rej;
    });
  };
  return { run, token: (t: string) => emit({ type: 'token', text: t }), finish: (s = stats) => finish(s), fail: (e: Error) => fail(e), signal: () => signal };
}

describe('job registry', () => {
  it('goes on without listeners, and a later attach gets the text so far, then the rest live', async () => {
    const jobs = createJobRegistry();
    const j = manualJob();
    const first: GenerateHostMessage[] = [];
    const detach = jobs.start('a', undefined, j.run, (m) => first.push(m));
    j.token('one');
    detach(); // the popup closed
    j.token(' two');
    const later: GenerateHostMessage[] = [];
    jobs.attach('a', (m) => later.push(m));
    j.token(' three');
    j.finish();
    await tick();
    expect(first).toEqual([{ type: 'token', text: 'one' }]);
    expect(later).toEqual([
      { type: 'snapshot', text: 'one two' },
      { type: 'token', text: ' three' },
      { type: 'done', stats },
    ]);
    expect(j.signal()?.aborted).toBe(false);
  });

  it('attaching after the end gives the whole text and the end; an unknown id gives null', async () => {
    const jobs = createJobRegistry();
    const j = manualJob();
    jobs.start('a', undefined, j.run);
    j.token('hi');
    j.fail(new GenerationError('boom'));
    await tick();
    const got: GenerateHostMessage[] = [];
    jobs.attach('a', (m) => got.push(m));
    expect(got).toEqual([{ type: 'snapshot', text: 'hi' }, { type: 'error', error: { code: 'generation', message: 'boom' } }]);
    expect(jobs.attach('nope', () => {})).toBeNull();
  });

  it('saves the answer as soon as it starts, then its text while running and at the end', async () => {
    const saved: Array<Pick<Job, 'text' | 'status'>> = [];
    const jobs = createJobRegistry({ persist: async (job) => void saved.push({ text: job.text, status: job.status }), persistEveryMs: 0 });
    const j = manualJob();
    jobs.start('a', { conversationId: 'c', messageId: 'a' }, j.run);
    j.token('x');
    jobs.stop('a');
    expect(j.signal()?.aborted).toBe(true);
    j.finish({ ...stats, finishReason: 'aborted' });
    await tick();
    expect(saved[0]).toEqual({ text: '', status: 'running' }); // on record before any token: a reopened popup finds it
    expect(saved[1]).toEqual({ text: 'x', status: 'running' });
    expect(saved.at(-1)).toEqual({ text: 'x', status: 'stopped' });
    expect(jobs.get('a')?.status).toBe('stopped');
  });

  it('keeps only the latest finished jobs', async () => {
    const jobs = createJobRegistry({ keepFinished: 2 });
    for (const id of ['a', 'b', 'c']) {
      const j = manualJob();
      jobs.start(id, undefined, j.run);
      j.finish();
      await tick();
    }
    expect(jobs.get('a')).toBeUndefined();
    expect(jobs.get('c')?.status).toBe('done');
  });
});
