// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { BuiltinModelCard } from './BuiltinModelCard';
import { useBuiltinModel } from './use-builtin';
import { BUILTIN_MODEL, BUILTIN_SESSION_OPTIONS, type LanguageModelApi } from '../builtin-ai';
import type { ModelSpec } from '../../messaging/protocol';
import { createFakeLanguageModel } from '../../../testkit/fakes/fake-built-in-ai';

// Chrome's LanguageModel is a FAKE here (testkit/fakes/fake-built-in-ai.ts, from the Prompt API's IDL).

function Card({ api, onChoose }: { api: LanguageModelApi | undefined; onChoose(m: ModelSpec): void }) {
  return <ul><BuiltinModelCard builtin={useBuiltinModel(api)} selectedId={null} onChoose={onChoose} /></ul>;
}

const settle = () => act(() => new Promise<void>((r) => setTimeout(r, 10)));

async function show(api: LanguageModelApi | undefined) {
  const host = document.createElement('div');
  const chosen: ModelSpec[] = [];
  await act(() => render(<Card api={api} onChoose={(m) => chosen.push(m)} />, host));
  await settle();
  const q = (id: string) => host.querySelector(`[data-testid=${id}]`) as HTMLElement | null;
  return { host, chosen, q, state: () => q('builtin-model')!.getAttribute('data-state') };
}

describe("Chrome's built-in model in Models", () => {
  it('absent: the reason, no button', async () => {
    const { q, state, host } = await show(undefined);
    expect(state()).toBe('absent');
    expect(q('builtin-reason')!.textContent).toMatch(/no built-in model/);
    expect(host.querySelectorAll('button')).toHaveLength(0);
  });

  it('unavailable: what Chrome needs, no button', async () => {
    const { q, state, host } = await show(createFakeLanguageModel({ availability: 'unavailable' }));
    expect(state()).toBe('unavailable');
    expect(q('builtin-reason')!.textContent).toMatch(/unavailable here/);
    expect(host.querySelectorAll('button')).toHaveLength(0);
  });

  it('available: an engine choice with no download; Use chooses it', async () => {
    const api = createFakeLanguageModel();
    const { q, chosen } = await show(api);
    expect(q('builtin-description')!.textContent).toBe("Chrome's built-in model · no download · runs on this device");
    q('builtin-use')!.click();
    expect(chosen).toEqual([BUILTIN_MODEL]);
    expect(api.calls[0]!.options).toEqual(BUILTIN_SESSION_OPTIONS); // asked with the options the host creates with
  });

  it('downloadable: the click starts Chrome’s download (activation), its progress shows, then Use', async () => {
    let clicking = false;
    const api = createFakeLanguageModel({ availability: 'downloadable', hasActivation: () => clicking });
    const seen: string[] = [];
    const { q, state } = await show(api);
    expect(state()).toBe('downloadable');
    const observer = new MutationObserver(() => q('builtin-progress') && seen.push(q('builtin-progress')!.textContent!));
    observer.observe(q('builtin-model')!, { subtree: true, childList: true, characterData: true });
    clicking = true; // the fake checks activation synchronously in create(), as Chrome does at the call
    q('builtin-download')!.click();
    clicking = false;
    await settle();
    observer.disconnect();
    expect(seen.some((t) => /^\d+%$/.test(t))).toBe(true);
    expect(state()).toBe('available');
    expect(q('builtin-use')).not.toBeNull();
    expect(api.sessions[0]!.destroyed).toBe(true); // the page's session goes; the model stays Chrome's
  });

  it('downloadable, but Chrome refuses without a gesture: it says to click again', async () => {
    const api = createFakeLanguageModel({ availability: 'downloadable', hasActivation: () => false });
    const { q, host, state } = await show(api);
    q('builtin-download')!.click();
    await settle();
    expect(host.querySelector('[role=alert]')!.textContent).toMatch(/wants a click/);
    expect(state()).toBe('downloadable');
  });
});
