// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { SidePanelTranslation, unreadableText } from './SidePanelTranslation';
import { TRANSLATE_PANEL_KEY } from '../../messaging/protocol-values';
import type { SidePanelTranslateRequest } from '../../messaging/protocol';
import { createFakeLanguageDetector, createFakeTranslator } from '../../../testkit/fakes/fake-built-in-translate';

// Chrome's Translator and LanguageDetector are FAKES (testkit/fakes/fake-built-in-translate.ts, from their IDL); the
// runtime refuses everything, so Chrome's translator path is the one that must answer here.
const runtime = { sendMessage: () => Promise.reject(new Error('no model host in this test')), connect: () => { throw new Error('no model host in this test'); } };

function fakeSession(initial?: SidePanelTranslateRequest) {
  const listeners: ((c: Record<string, { newValue?: unknown }>) => void)[] = [];
  return {
    get: async (key: string) => (key === TRANSLATE_PANEL_KEY && initial ? { [key]: initial } : {}),
    onChanged: { addListener: (cb: (typeof listeners)[number]) => void listeners.push(cb) },
    hand: (r: SidePanelTranslateRequest) => listeners.forEach((l) => l({ [TRANSLATE_PANEL_KEY]: { newValue: r } })),
  };
}

async function show(session: ReturnType<typeof fakeSession>) {
  const host = document.body.appendChild(document.createElement('div')); // connected: its form submits
  const apis = { translator: createFakeTranslator({ 'de>en': 'available' }), detector: createFakeLanguageDetector([{ detectedLanguage: 'de', confidence: 0.97 }]) };
  await act(() => render(<SidePanelTranslation session={session} runtime={runtime as never} apis={apis} userLanguage="en-US" />, host));
  const q = (id: string) => host.querySelector(`[data-testid=${id}]`) as HTMLElement | null;
  const settled = async () => {
    for (let i = 0; i < 50 && !/done|error|same-language/.test(q('status')?.getAttribute('data-phase') ?? ''); i++) await act(() => new Promise<void>((r) => setTimeout(r, 5)));
  };
  await settled();
  return { q, settled, apis };
}

const NOTE = 'Chrome does not let extensions run on its own pages (chrome://…), so the translation opens here.';

describe('the side panel translation (restricted pages)', () => {
  it("translates a handed-over selection with Chrome's translator and says why it is not on the page", async () => {
    const { q } = await show(fakeSession({ mode: 'selection', text: 'Guten Morgen', note: NOTE, at: 1 }));
    expect(q('translate-note')!.textContent).toBe(NOTE);
    expect(q('translation')!.textContent).toBe('[en] Guten Morgen');
    expect(q('status')!.textContent).toBe("Translated from German (detected) into English with Chrome's translator, on this device.");
    expect(q('read')!.textContent).toMatch(/^Selection · 2 words/);
    expect(q('translate-unreadable')).toBeNull();
  });

  it('without text (a page Chrome keeps closed) it says the text cannot be read, and translates what is pasted', async () => {
    const session = fakeSession({ mode: 'page', note: NOTE, at: 1 });
    const { q, settled } = await show(session);
    expect(q('translate-unreadable')!.textContent).toBe(unreadableText('page'));
    expect(q('translation')).toBeNull();
    const area = q('translate-paste') as HTMLTextAreaElement;
    area.value = 'Guten Abend';
    await act(() => void area.dispatchEvent(new Event('input')));
    await act(() => void q('translate-pasted')!.click());
    await settled();
    expect(q('translation')!.textContent).toBe('[en] Guten Abend');
    expect(q('read')!.textContent).toMatch(/^Pasted text · 2 words/);
  });

  it('a later hand-off replaces the one shown', async () => {
    const session = fakeSession({ mode: 'selection', text: 'Guten Morgen', note: NOTE, at: 1 });
    const { q, settled } = await show(session);
    await act(() => session.hand({ mode: 'selection', text: 'Gute Nacht', note: 'The selected text is in a frame from another site.', at: 2 }));
    await settled();
    expect(q('translation')!.textContent).toBe('[en] Gute Nacht');
    expect(q('translate-note')!.textContent).toMatch(/frame from another site/);
  });

  it('a blank handed-over selection is refused with the reason', async () => {
    const { q } = await show(fakeSession({ mode: 'selection', text: '  ', note: NOTE, at: 1 }));
    expect(q('error')!.textContent).toMatch(/Nothing is selected/);
  });
});
