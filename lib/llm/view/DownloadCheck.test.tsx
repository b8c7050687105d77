// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { FirstRunOffer } from './FirstRunOffer';
import { CURATED_MODELS } from '../models';
import type { DownloadCheck, ModelSpec } from '../../messaging/protocol';

const big = CURATED_MODELS.find((m) => m.id === 'gguf:llama-3.2-1b-instruct-q4_k_m')!;
const small = CURATED_MODELS.find((m) => m.id === 'gguf:smollm2-360m-instruct-q8_0')!;
const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 10)));

/** The chat's offer with a re-check the test answers: what the user sees after pressing Download. */
async function offer(withSuggestion = true) {
  const host = document.body.appendChild(document.createElement('div'));
  const downloads: string[] = [];
  let answer!: (c: DownloadCheck) => void;
  const download = {
    recheck: () => new Promise<DownloadCheck>((r) => (answer = r)),
    download: async (m: ModelSpec) => void downloads.push(m.id),
    downloadSuggested: withSuggestion ? async (m: ModelSpec) => void downloads.push(`suggested:${m.id}`) : undefined,
  };
  await act(() => render(<FirstRunOffer model={big} state={{ modelId: big.id, cached: false }} nudged={false} download={download} onChanged={() => {}} />, host));
  const q = (id: string) => host.querySelector(`[data-testid=${id}]`) as HTMLElement | null;
  const button = (text: RegExp) => [...host.querySelectorAll('button')].find((b) => text.test(b.textContent ?? '')) as HTMLButtonElement | undefined;
  return { host, q, button, downloads, answer: async (c: DownloadCheck) => { answer(c); await settle(); } };
}

describe("a Download press: the device's speed re-checked first, in view", () => {
  it('says at once that it checks, takes no second press, then downloads', async () => {
    const t = await offer();
    await act(() => t.button(/^Download Llama/)!.click());
    expect(t.q('download-checking')!.textContent).toBe("Checking this device's speed…");
    expect(t.button(/^Download Llama/)!.disabled).toBe(true);
    expect(t.downloads).toEqual([]);
    await t.answer({ verdict: 'ok' });
    expect(t.downloads).toEqual([big.id]);
    expect(t.q('download-checking')).toBeNull();
  });

  it('too slow: explains with words/s, offers the smaller model and "anyway"', async () => {
    const t = await offer();
    await act(() => t.button(/^Download Llama/)!.click());
    await t.answer({ verdict: 'smaller', suggestion: small, wordsPerSec: 9.2, suggestedWordsPerSec: 19.4, neededWordsPerSec: 17.5 });
    expect(t.q('download-suggest-why')!.textContent).toMatch(/would write about 9 words\/s on this device\. A model needs about 18 words\/s here/);
    expect(t.q('download-suggested')!.textContent).toBe('Download SmolLM2 360M (CPU) (386 MB)');
    expect(t.q('download-anyway')!.textContent).toBe('Download Llama 3.2 1B (CPU) anyway (808 MB)');
    expect(t.downloads).toEqual([]);
    await act(() => t.q('download-anyway')!.click());
    await settle();
    expect(t.downloads).toEqual([big.id]);
  });

  it('the suggestion can be taken where the view may choose a model; else it says where to choose it', async () => {
    const t = await offer();
    await act(() => t.button(/^Download Llama/)!.click());
    await t.answer({ verdict: 'smaller', suggestion: small, wordsPerSec: 9, suggestedWordsPerSec: 19, neededWordsPerSec: 17.5 });
    await act(() => t.q('download-suggested')!.click());
    await settle();
    expect(t.downloads).toEqual([`suggested:${small.id}`]);
    const u = await offer(false);
    await act(() => u.button(/^Download Llama/)!.click());
    await u.answer({ verdict: 'smaller', suggestion: small, wordsPerSec: 9, suggestedWordsPerSec: 19, neededWordsPerSec: 17.5 });
    expect(u.q('download-suggested')).toBeNull();
    expect(u.q('download-suggest')!.textContent).toMatch(/To use SmolLM2 360M \(CPU\), choose it in Hearth's Models/);
  });

  it('a failed check downloads with a note', async () => {
    const t = await offer();
    await act(() => t.button(/^Download Llama/)!.click());
    await t.answer({ verdict: 'unchecked', reason: "this device's speed could not be measured" });
    expect(t.downloads).toEqual([big.id]);
    expect(t.q('download-note')!.textContent).toMatch(/^Hearth could not check this device's speed/);
  });
});
