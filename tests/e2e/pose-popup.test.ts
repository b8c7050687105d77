import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { openActionPopup, type ActionPopup } from '../../testkit/browser/action-popup';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { pressCommand } from '../../testkit/browser/shortcut';

let hearth: Hearth;
let server: TestServer;
beforeAll(async () => {
  hearth = await launchHearth();
  server = await startServer({ '/page.html': fileRoute('<!doctype html><title>Page</title><h1>A page</h1>', 'text/html') });
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

interface PoseButton {
  disabled: boolean;
  note: string | null;
  text: string;
  buttonsHeight: number[];
}
/** The popup's pose button, its note, all of the popup's text, and the toolbar buttons' heights (squashed or not). */
async function poseButton(popup: ActionPopup): Promise<PoseButton> {
  return popup.evaluate<PoseButton>(`(() => {
    const b = document.querySelector('[data-testid=pose-toggle]');
    return { disabled: b.disabled, note: document.querySelector('[data-testid=pose-note]')?.textContent ?? null, text: document.body.innerText,
      buttonsHeight: [...b.parentElement.querySelectorAll('button')].map((x) => Math.round(x.getBoundingClientRect().height)) };
  })()`);
}

describe('the popup’s pose button', () => {
  for (const url of ['chrome://newtab/', 'chrome://extensions/', 'about:blank']) {
    it(`on ${url}: disabled before any click, says plainly that the overlay needs a web page, no raw error`, async () => {
      const tab = await hearth.context.newPage();
      // The New Tab page redirects (to chrome://new-tab-page-third-party/ here), which goto reports as aborted.
      await tab.goto(url).catch((e: Error) => expect(e.message).toMatch(/ERR_ABORTED/));
      await tab.waitForURL(url === 'about:blank' ? /^about:blank$/ : /^chrome:\/\//);
      const popup = await openActionPopup(hearth, tab);
      await expect.poll(async () => (await poseButton(popup)).note, { timeout: 10_000 }).toMatch(/^The pose overlay needs a web page\./);
      const state = await poseButton(popup);
      expect(state.disabled).toBe(true);
      expect(state.text).not.toMatch(/Cannot access|chrome:\/\/ URL|Extension manifest|respective host/);
      // The note takes its own line: every toolbar button keeps one height (a squashed one wraps its label).
      expect(new Set(state.buttonsHeight).size).toBe(1);
      await popup.close();
      await tab.close();
    });
  }

  it('on a web page Hearth was asked from, stays enabled and turns the overlay on', async () => {
    const tab = await hearth.context.newPage();
    await tab.goto(`${server.origin}/page.html`);
    // The real toolbar click grants activeTab; headless, the shortcut does (then the popup sees the same grant).
    await pressCommand(hearth, tab, 'Alt+Shift+O');
    await expect.poll(() => tab.locator('hearth-pose-overlay').count(), { timeout: 15_000 }).toBe(1);
    const popup = await openActionPopup(hearth, tab);
    // The popup's own check of the tab has answered (a refusal would be shown by then).
    await expect.poll(() => popup.evaluate<string | null>(`document.querySelector('[data-testid=pose-toggle]')?.dataset.checked ?? null`), { timeout: 20_000 }).toBe('true');
    const state = await poseButton(popup);
    expect(state.disabled).toBe(false);
    expect(state.note).toBeNull();
    // Clicked after this call returns: the popup closes itself on success, and would never answer.
    await popup.evaluate(`setTimeout(() => document.querySelector('[data-testid=pose-toggle]').click(), 0)`);
    await expect.poll(() => tab.locator('hearth-pose-overlay').count(), { timeout: 15_000 }).toBe(0);
    await tab.close();
  });
});
