import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { htmlDoc } from '../../testkit/browser/echo-hearth';
import { panelPart } from '../../testkit/browser/closed-panel';
import { clickWriteMenu, selectInField, useGrantedPage, useWriteHearth, waitForSuggestion } from '../../testkit/browser/write';

// Issue 23: a rich editor's line breaks stay where the text around them did not change. The tiny model writes the
// corrected two lines (one of its words holds the line break), so the suggestion keeps the break and fixes a word
// on each side of it.
const CORRECTED = "They're going to the park.\nSam is coming tomorrow.";
const model = makeTinyLlamaGguf({ words: ["They're", 'going', 'to', 'the', 'park.\nSam', 'is', 'coming', 'tomorrow.'], contextLength: 2048 });
const EDITOR = '<p id="line">Their going to the <b>park</b>.<br>Sam is coming <i>tomorow</i>.</p>';
const PAGE = htmlDoc('Rich', `<div id="rich" contenteditable="true">${EDITOR}</div>`);

const env = useWriteHearth(model, { '/rich.html': PAGE });
let page: Page;
useGrantedPage(env, '/rich.html', (p) => (page = p));

describe('writing help in a rich editor with line breaks', () => {
  it('keeps the <br>, the bold and the italic where the text did not change, and Ctrl+Z restores the original markup', async () => {
    const before = await page.$eval('#rich', (el) => el.innerHTML);
    await selectInField(page, '#line');
    await clickWriteMenu(env.hearth, page, 'rewrite:clearer');
    expect(await waitForSuggestion(page)).toBe(CORRECTED);
    await panelPart(page, 'apply').click();
    await expect.poll(() => page.$eval('#rich', (el) => (el as HTMLElement).innerText.trim())).toBe(CORRECTED);
    expect(await page.$eval('#rich', (el) => ({
      br: el.querySelectorAll('br').length,
      bold: [...el.querySelectorAll('b')].map((b) => b.textContent),
      italic: [...el.querySelectorAll('i')].map((i) => i.textContent),
    }))).toEqual({ br: 1, bold: ['park'], italic: ['tomorrow'] });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.$eval('#rich', (el) => el.innerHTML)).toBe(before);
  });
});
