import { afterEach, beforeEach } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import type { Hearth } from './launch';
import { tabIdOf } from './summary';
import { useModelHearth } from './use-hearth';
import { evaluateInPanel, panelPart } from './closed-panel';
import { grantTab } from './ask';

/** For one writing-help test file: `model` and `pages` served, one Hearth with that model chosen (useModelHearth). */
export const useWriteHearth = useModelHearth;

/**
 * Open `url` in `page` and give Hearth the tab as a user's shortcut does (a dispatched menu click grants no
 * activeTab: docs/PERMISSIONS.md, "Testing activeTab"); the summary panel that shortcut opens is closed with Esc.
 */
export async function openGranted(hearth: Hearth, page: Page, url: string): Promise<void> {
  await page.goto(url);
  await grantTab(hearth, page);
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('hearth-summary'), undefined, { timeout: 10_000 });
}

/**
 * Before each test, a new tab at `path` of `env`'s server, granted to Hearth (openGranted), handed to `take`; closed
 * after the test.
 */
export function useGrantedPage(env: ReturnType<typeof useModelHearth>, path: string, take: (page: Page) => void): void {
  let page: Page | undefined;
  beforeEach(async () => {
    page = await env.hearth.context.newPage();
    take(page);
    await openGranted(env.hearth, page, `${env.server.origin}${path}`);
  });
  afterEach(async () => {
    await page?.close();
  });
}

/**
 * Right-click → Hearth → `item` in the field that has the focus: the real menu listener runs (menus cannot be
 * clicked by automation) with what Chrome passes for an editable field; `frame` is the frame the field is in.
 */
export async function clickWriteMenu(hearth: Hearth, page: Page, item: string, frame: { frameId: number; frameUrl: string } = { frameId: 0, frameUrl: page.url() }): Promise<void> {
  await page.evaluate(() => document.querySelectorAll('hearth-write').forEach((e) => e.setAttribute('data-test-old', '')));
  const tabId = await tabIdOf(hearth, page);
  await hearth.sw.evaluate(
    async ([tabId, item, pageUrl, frame]) => {
      const tab = await chrome.tabs.get(tabId);
      const info = { menuItemId: `hearth-write:${item}`, editable: true, pageUrl, ...frame };
      (chrome.contextMenus.onClicked as unknown as { dispatch(i: unknown, t: unknown): void }).dispatch(info, tab);
    },
    [tabId, item, page.url(), frame] as const,
  );
  await page.waitForFunction(() => !!document.querySelector('hearth-write:not([data-test-old])'), undefined, { timeout: 20_000 });
}

/** Focus `selector` (in `frame`) and select [start, end) of its value, or all of a rich editor element's contents. */
export async function selectInField(target: Page | Frame, selector: string, range?: [number, number]): Promise<void> {
  await target.evaluate(([sel, range]) => {
    const el = document.querySelector(sel) as HTMLInputElement | HTMLElement;
    if ('setSelectionRange' in el) {
      el.focus();
      el.setSelectionRange(range ? range[0] : 0, range ? range[1] : el.value.length);
      return;
    }
    ((el.closest('[contenteditable]') as HTMLElement | null) ?? el).focus();
    const r = document.createRange();
    r.selectNodeContents(el);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(r);
  }, [selector, range ?? null] as const);
}

/** The writing panel's phase; waits for it to end and returns the suggestion as the diff shows it (new text only). */
export async function waitForSuggestion(page: Page, timeout = 90_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let phase = await panelPart(page, 'status').getAttribute('data-phase');
  while (!/done|stopped|error/.test(phase ?? '')) {
    if (Date.now() > deadline) throw new Error(`The suggestion did not finish within ${timeout} ms (phase ${phase}).`);
    await new Promise((r) => setTimeout(r, 100));
    phase = await panelPart(page, 'status').getAttribute('data-phase');
  }
  if (phase === 'error') throw new Error(`The panel shows an error: ${await panelPart(page, 'error').textContent()}`);
  return evaluateInPanel(page, (root) => {
    const diff = root.querySelector('[data-testid=diff]')?.cloneNode(true) as HTMLElement | undefined;
    if (!diff) return root.querySelector('[data-testid=suggestion]')?.textContent ?? '';
    diff.querySelectorAll('del').forEach((d) => d.remove());
    return diff.textContent ?? '';
  });
}

/** The hover explanations of the changes the diff shows. */
export const changeTitles = (page: Page) =>
  evaluateInPanel(page, (root) => [...root.querySelectorAll('[data-testid=change]')].map((c) => c.getAttribute('title')));

/** The host's record of each prompt and answer behind the panel's suggestion (read by the worker, as a follow-up is). */
export async function recordsBehindPanel(hearth: Hearth, page: Page): Promise<Array<{ messages: Array<{ role: string; content: string }>; text: string }>> {
  const ids = ((await panelPart(page, 'panel').getAttribute('data-record-ids')) ?? '').split(' ').filter(Boolean);
  return hearth.sw.evaluate(async (ids) => {
    const out = [];
    for (const id of ids) {
      const answer = await chrome.runtime.sendMessage({ hearth: 1, to: 'host', name: 'llm.record', payload: { id } });
      if (!answer?.ok) throw new Error(`llm.record: ${JSON.stringify(answer)}`);
      out.push(answer.value);
    }
    return out;
  }, ids);
}
