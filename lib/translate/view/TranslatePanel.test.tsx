// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { TranslatePanel } from './TranslatePanel';
import { createFakeLanguageDetector, createFakeTranslator } from '../../../testkit/fakes/fake-built-in-translate';

// Chrome's Translator and LanguageDetector are FAKES (testkit/fakes/fake-built-in-translate.ts, from their IDL). The
// runtime refuses everything: Chrome's translator path must not need Hearth's model host at all.
const runtime = { sendMessage: () => Promise.reject(new Error('no model host in this test')), connect: () => { throw new Error('no model host in this test'); } };
const read = { source: 'selection' as const, words: 2, chars: 12 };
const placement = { left: 0, top: 0, width: 400, maxHeight: 400 };

async function show(apis: Parameters<typeof TranslatePanel>[0]['apis'], text = 'Guten Morgen', declared: string | null = null) {
  const host = document.createElement('div');
  await act(() => render(
    <TranslatePanel job={{ text, declared }} read={read} preview={text} refusal={null} userLanguage="en-US" apis={apis}
      placement={placement} theme="light" deps={{ runtime }} copy={async () => {}} onClose={() => {}} />,
    host,
  ));
  const q = (id: string) => host.querySelector(`[data-testid=${id}]`) as HTMLElement | null;
  const settled = async () => {
    for (let i = 0; i < 50 && !/done|error|same-language/.test(q('status')?.getAttribute('data-phase') ?? ''); i++) await act(() => new Promise<void>((r) => setTimeout(r, 5)));
  };
  await settled();
  return { q, host };
}

describe('the translation panel with Chrome’s translator (fakes)', () => {
  it('translates in the page with the detected pair, and says so by name; the model host is never asked', async () => {
    const translator = createFakeTranslator({ 'de>en': 'available' });
    const { q } = await show({ translator, detector: createFakeLanguageDetector([{ detectedLanguage: 'de', confidence: 0.97 }]) });
    expect(q('error')).toBeNull();
    expect(q('translation')!.textContent).toBe('[en] Guten Morgen');
    expect(q('status')!.getAttribute('data-route')).toBe('translator');
    expect(q('status')!.textContent).toBe("Translated from German (detected) into English with Chrome's translator, on this device.");
    expect(translator.translated).toEqual(['Guten Morgen']);
  });

  it('lists target languages by name, the user’s own first', async () => {
    const { q } = await show({ translator: createFakeTranslator({ 'de>en': 'available' }) }, 'Guten Morgen', 'de');
    const options = [...q('target')!.querySelectorAll('option')].map((o) => o.textContent);
    expect(options[0]).toBe('English');
    expect(options).toContain('Japanese');
  });

  it('without the pair and with no model host, the failure is said in the panel', async () => {
    const { q } = await show({ translator: createFakeTranslator({}) }, 'Guten Morgen', 'de');
    expect(q('status')!.getAttribute('data-route')).toBe('model');
    expect(q('error')!.textContent).toMatch(/did not answer|no model host/);
  });
});
