import { describe, expect, it } from 'vitest';
import { createDownloadFlow, type DownloadFlowState } from './download-flow';
import { CURATED_MODELS } from './models';
import type { DownloadCheck, ModelSpec } from '../messaging/protocol';

const big = CURATED_MODELS.find((m) => m.id === 'gguf:llama-3.2-1b-instruct-q4_k_m')!;
const small = CURATED_MODELS.find((m) => m.id === 'gguf:smollm2-360m-instruct-q8_0')!;
const tooSlow: DownloadCheck = { verdict: 'smaller', suggestion: small, wordsPerSec: 9, suggestedWordsPerSec: 19, neededWordsPerSec: 18 };

/** A flow whose re-check answers when the test says, recording states and downloads. */
function setup(options: { suggestion?: boolean } = {}) {
  const states: DownloadFlowState[] = [];
  const downloads: string[] = [];
  let answer!: (c: DownloadCheck) => void;
  let fail!: (e: Error) => void;
  let rechecks = 0;
  const flow = createDownloadFlow({
    recheck: () => {
      rechecks += 1;
      return new Promise<DownloadCheck>((res, rej) => ((answer = res), (fail = rej)));
    },
    download: async (m: ModelSpec) => void downloads.push(m.id),
    downloadSuggested: options.suggestion === false ? undefined : async (m: ModelSpec) => void downloads.push(`suggested:${m.id}`),
    onState: (s) => states.push(s),
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { flow, states, downloads, answer: (c: DownloadCheck) => answer(c), fail: (e: Error) => fail(e), rechecks: () => rechecks, settle };
}

describe('the download flow: re-check, then download or suggest', () => {
  it('says it is checking at once, and a second press while it checks does nothing', async () => {
    const t = setup();
    void t.flow.start(big);
    expect(t.states).toEqual([{ phase: 'checking', model: big }]);
    expect(t.flow.busy()).toBe(true);
    await t.flow.start(big);
    expect(t.rechecks()).toBe(1);
    expect(t.downloads).toEqual([]);
  });

  it('ok: the download starts, with nothing to say', async () => {
    const t = setup();
    const done = t.flow.start(big);
    t.answer({ verdict: 'ok' });
    await done;
    expect(t.downloads).toEqual([big.id]);
    expect(t.states.map((s) => s.phase)).toEqual(['checking', 'starting', 'started']);
    expect(t.states.at(-1)).toEqual({ phase: 'started', model: big, note: null });
    expect(t.flow.busy()).toBe(false);
  });

  it('too slow: nothing downloads; the suggestion is explained, and either download can follow', async () => {
    const t = setup();
    const done = t.flow.start(big);
    t.answer(tooSlow);
    await done;
    expect(t.downloads).toEqual([]);
    const s = t.states.at(-1)!;
    expect(s.phase).toBe('suggest');
    if (s.phase !== 'suggest') return;
    expect(s.message).toMatch(/^Checked just now: Llama 3\.2 1B \(CPU\) would write about 9 words\/s on this device\. .*Hearth suggests SmolLM2 360M \(CPU\)/);
    expect(s.canDownloadSuggested).toBe(true);
    await t.flow.downloadAnyway();
    expect(t.downloads).toEqual([big.id]);
    expect(t.rechecks()).toBe(1); // "anyway" is not checked again

    const u = setup();
    const again = u.flow.start(big);
    u.answer(tooSlow);
    await again;
    await u.flow.downloadSuggested();
    expect(u.downloads).toEqual([`suggested:${small.id}`]);
    expect(u.states.at(-1)).toEqual({ phase: 'started', model: small, note: null });
  });

  it('where the suggestion cannot be taken here (an in-page panel), only "anyway" is offered', async () => {
    const t = setup({ suggestion: false });
    const done = t.flow.start(big);
    t.answer(tooSlow);
    await done;
    const s = t.states.at(-1)!;
    expect(s.phase === 'suggest' && s.canDownloadSuggested).toBe(false);
    await t.flow.downloadSuggested();
    expect(t.downloads).toEqual([]);
  });

  it('check failed: the download goes ahead, with a note saying the speed was not checked', async () => {
    const t = setup();
    const done = t.flow.start(big);
    t.fail(new Error('the model host did not answer'));
    await done;
    expect(t.downloads).toEqual([big.id]);
    expect(t.states.at(-1)).toEqual({
      phase: 'started', model: big,
      note: "Hearth could not check this device's speed (the model host did not answer), so it downloads Llama 3.2 1B (CPU) as asked.",
    });
  });

  it('a download refused after the check is an error the user reads, and the button works again', async () => {
    const states: DownloadFlowState[] = [];
    const flow = createDownloadFlow({
      recheck: async () => ({ verdict: 'ok' }),
      download: async () => { throw new Error('Not enough space for this model.'); },
      onState: (s) => states.push(s),
    });
    await flow.start(big);
    expect(states.at(-1)).toEqual({ phase: 'failed', model: big, error: 'Not enough space for this model.' });
    expect(flow.busy()).toBe(false);
  });
});
