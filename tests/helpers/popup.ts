import type { Page } from 'playwright-core';
import type { Hearth } from './launch';

/** Open Hearth's popup page in a tab (the toolbar popup cannot be clicked headless; the page is the same). */
export async function openPopup(hearth: Hearth): Promise<Page> {
  const page = await hearth.context.newPage();
  await page.goto(hearth.url('popup.html'));
  return page;
}

/** Send a command from an extension page exactly as the UI does (the wire envelope of lib/messaging). */
export function sendFromPage<T = unknown>(page: Page, to: 'host' | 'background', name: string, payload?: unknown) {
  return page.evaluate(
    ([to, name, payload]) => chrome.runtime.sendMessage({ hearth: 1, to, name, payload }),
    [to, name, payload] as const,
  ) as Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>;
}
