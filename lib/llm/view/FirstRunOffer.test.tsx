// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { FirstRunOffer, type BuiltinOffer } from './FirstRunOffer';
import { createBuiltinSpeedCheck, BUILTIN_SPEED_KEY } from './builtin-speed-check';
import { slowReason, type BuiltinSpeed } from '../builtin-speed';
import type { ModelSpec } from '../../messaging/protocol';
import { createFakeLanguageModel } from '../../../testkit/fakes/fake-built-in-ai';

// Chrome's LanguageModel is a FAKE here (testkit/fakes/fake-built-in-ai.ts, from the Prompt API's IDL).

const MODEL: ModelSpec = { id: 'smollm2-360m', label: 'SmolLM2 360M', engine: 'cpu', source: 'x', contextTokens: 2048, sizeBytes: 386 * 1024 * 1024 };
const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 10)));

async function show(check: BuiltinOffer['check'] | null) {
  const host = document.body.appendChild(document.createElement('div'));
  const used: string[] = [];
  const downloads: string[] = [];
  const builtin = check && { label: "Chrome's built-in model", use: () => void used.push('builtin'), check };
  await act(() => render(<FirstRunOffer model={MODEL} state={{ cached: false } as never} nudged={false} download={{ recheck: async () => ({ verdict: 'ok' }), download: async (m) => void downloads.push(m.id) }} onChanged={() => {}} builtin={builtin} />, host));
  await settle();
  const q = (id: string) => host.querySelector(`[data-testid=${id}]`) as HTMLElement | null;
  const buttons = () => [...host.querySelectorAll('button')].map((b) => ({ text: b.textContent, primary: b.classList.contains('primary') }));
  return { host, q, buttons, used, downloads, unmount: () => act(() => render(null, host)) };
}

describe('the first-run offer and Chrome’s built-in model', () => {
  it('measured usable: the built-in model is proposed first, the download second', async () => {
    const { q, buttons, used } = await show(async () => ({ verdict: 'usable', wordsPerSec: 23.4 }));
    expect(q('first-run-builtin')!.textContent).toBe("Start now with Chrome's built-in model: no download, it runs on this device (23.5 words/s here).");
    expect(buttons()).toEqual([{ text: "Use Chrome's built-in model", primary: true }, { text: 'Download SmolLM2 360M (386 MB)', primary: false }]);
    q('first-run-use-builtin')!.click();
    expect(used).toEqual(['builtin']);
  });

  it('measured slow: the download is the offer, with the reason; the built-in model stays one click away', async () => {
    const { q, buttons, host } = await show(async () => ({ verdict: 'slow', wordsPerSec: 4, reason: slowReason(4) }));
    expect(q('first-run-builtin')).toBeNull();
    expect(host.textContent).toMatch(/To start, Hearth needs a model on this device: SmolLM2 360M, a one-time 386 MB download/);
    expect(q('first-run-builtin-why')!.textContent).toMatch(/^Chrome's built-in model answered at 4\.0 words\/s here, below the 10\.5 words\/s Hearth needs/);
    expect(buttons()[0]).toEqual({ text: 'Use it anyway', primary: false });
    expect(buttons()[1]).toEqual({ text: 'Download SmolLM2 360M (386 MB)', primary: true });
  });

  it('while it is timed, the download is offered already and the line says what is going on; leaving aborts the timing', async () => {
    let signal: AbortSignal | null = null;
    const { q, buttons, unmount } = await show((s) => ((signal = s), new Promise<BuiltinSpeed>(() => {})));
    expect(q('first-run-builtin-checking')).not.toBeNull();
    expect(buttons()).toEqual([{ text: 'Download SmolLM2 360M (386 MB)', primary: true }]);
    await unmount();
    expect(signal!.aborted).toBe(true);
  });

  it('a check that fails says so and offers the download', async () => {
    const { q } = await show(async () => { throw new Error('boom'); });
    expect(q('first-run-builtin-why')!.textContent).toMatch(/could not time Chrome's built-in model here \(boom\)/);
  });

  it('without the built-in model, nothing about it', async () => {
    const { q, buttons } = await show(null);
    expect(q('first-run-builtin')).toBeNull();
    expect(q('first-run-builtin-checking')).toBeNull();
    expect(buttons()).toEqual([{ text: 'Download SmolLM2 360M (386 MB)', primary: true }]);
  });
});

describe('the timing is kept, so the popup does not make Chrome answer each time', () => {
  function memory() {
    const items: Record<string, unknown> = {};
    return { items, get: async (k: string) => (k in items ? { [k]: items[k] } : {}), set: async (o: Record<string, unknown>) => void Object.assign(items, o) };
  }

  it('a measured speed is stored and reused for the same browser within a week; a new browser version measures again', async () => {
    const storage = memory();
    let runs = 0;
    let clock = 1_000;
    const measure = async () => (runs++, { verdict: 'usable', wordsPerSec: 30 } as const);
    const deps = { languageModel: createFakeLanguageModel(), storage, now: () => clock, measure };
    const check = createBuiltinSpeedCheck({ ...deps, browser: 'Chrome/140' });
    expect(await check(new AbortController().signal)).toEqual({ verdict: 'usable', wordsPerSec: 30 });
    clock += 24 * 3600 * 1000;
    await check(new AbortController().signal);
    expect(runs).toBe(1);
    expect(storage.items[BUILTIN_SPEED_KEY]).toMatchObject({ browser: 'Chrome/140', at: 1_000 });
    await createBuiltinSpeedCheck({ ...deps, browser: 'Chrome/141' })(new AbortController().signal);
    expect(runs).toBe(2);
    clock += 8 * 24 * 3600 * 1000;
    await createBuiltinSpeedCheck({ ...deps, browser: 'Chrome/141' })(new AbortController().signal);
    expect(runs).toBe(3);
  });

  it('a timeout or an abort is not stored: the next offer tries again', async () => {
    const storage = memory();
    const results: BuiltinSpeed[] = [{ verdict: 'failed', reason: 'x' }, { verdict: 'aborted' }];
    const check = createBuiltinSpeedCheck({ languageModel: undefined, storage, browser: 'b', measure: async () => results.shift()! });
    await check(new AbortController().signal);
    await check(new AbortController().signal);
    expect(storage.items).toEqual({});
  });

  it('measures through the built-in engine with the fake (end to end of this module)', async () => {
    const storage = memory();
    const got = await createBuiltinSpeedCheck({ languageModel: createFakeLanguageModel(), storage, browser: 'b' })(new AbortController().signal);
    // The fake answers at once: whatever this machine's speed, a handful of words in well under a second is "usable".
    expect(['usable', 'slow']).toContain(got.verdict);
    expect(storage.items[BUILTIN_SPEED_KEY]).toMatchObject({ result: got });
  });
});
