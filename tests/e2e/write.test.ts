import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { htmlDoc } from '../../testkit/browser/echo-hearth';
import { panelPart } from '../../testkit/browser/closed-panel';
import { changeTitles, clickWriteMenu, openGranted, selectInField, useGrantedPage, useWriteHearth, waitForSuggestion } from '../../testkit/browser/write';

// Issue 23: writing help in the site's own fields. The tiny model here always writes the corrected sentence (its chain
// of words, after any prompt that ends in a non-word), so each field gets a real suggestion with two fixes in it.
const ORIGINAL = 'Their going to the park with Sam tomorow.';
const CORRECTED = "They're going to the park with Sam tomorrow.";
const model = makeTinyLlamaGguf({ words: CORRECTED.split(' '), contextLength: 2048 });

// A field as React keeps it: the app's state is the truth, the input only shows it. React learns of an edit from the
// input event and compares the field with the value it last set (its "value tracker", kept by wrapping the element's
// value setter): a script that sets `value` and fires "input" is ignored, and the next render puts the state back.
const REACT_STYLE = `<input id="react" type="text"><p id="state"></p><script>
  const el = document.getElementById('react');
  const native = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value');
  let tracked = '';
  let state = ${JSON.stringify(ORIGINAL)};
  Object.defineProperty(el, 'value', { configurable: true, get() { return native.get.call(this); }, set(v) { tracked = String(v); native.set.call(this, v); } });
  const render = () => { if (native.get.call(el) !== state) el.value = state; document.getElementById('state').textContent = state; };
  el.addEventListener('input', () => { const now = native.get.call(el); if (now !== tracked) tracked = state = now; render(); });
  render();
</script>`;

const FIELDS = htmlDoc('Fields', `
  <textarea id="ta" rows="3" cols="60">${ORIGINAL}</textarea>
  <input id="in" type="text" size="60" value="${ORIGINAL}">
  <div id="rich" contenteditable="true"><p>Their going to the <b>park</b> with <a href="/map">Sam</a> tomorow.</p></div>
  <input id="ro" type="text" readonly value="${ORIGINAL}">
  <input id="pw" type="password" value="hunter2 is my secret">
  ${REACT_STYLE}`);
const INNER = htmlDoc('Inner', `<textarea id="ta" rows="3" cols="60">${ORIGINAL}</textarea>`);
const FRAMED = htmlDoc('Framed', `<h1>A site with its editor in a frame</h1><iframe id="editor" src="/inner.html" style="width: 600px; height: 120px"></iframe>`);

const env = useWriteHearth(model, { '/fields.html': FIELDS, '/inner.html': INNER, '/framed.html': FRAMED });
let page: Page;
useGrantedPage(env, '/fields.html', (p) => (page = p));

const valueOf = (sel: string) => page.$eval(sel, (el) => (el as HTMLInputElement).value);
const panelOpen = () => page.evaluate(() => !!document.querySelector('hearth-write'));

describe('writing help in text fields', () => {
  it('a textarea: the suggestion streams in, shows as a diff that explains each change, Apply replaces it and Ctrl+Z restores the original', async () => {
    await selectInField(page, '#ta');
    await clickWriteMenu(env.hearth, page, 'proofread');
    expect(await waitForSuggestion(page)).toBe(CORRECTED);
    expect(await changeTitles(page)).toEqual(["word confusion: 'Their' → 'They're'", "spelling: 'tomorow' → 'tomorrow'"]);
    // The page sees nothing of the suggestion before Apply (the panel's root is closed).
    expect(await page.evaluate(() => document.documentElement.innerText)).not.toContain('tomorrow');
    expect(await valueOf('#ta')).toBe(ORIGINAL);
    await panelPart(page, 'apply').click();
    await expect.poll(() => valueOf('#ta')).toBe(CORRECTED);
    expect(await panelOpen()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ta');
    await page.keyboard.press('Control+z');
    await expect.poll(() => valueOf('#ta')).toBe(ORIGINAL);
  });

  it('Esc closes the panel, leaves the field as it was and gives it the keyboard back', async () => {
    await selectInField(page, '#ta');
    await clickWriteMenu(env.hearth, page, 'rewrite:friendlier');
    await waitForSuggestion(page);
    await page.keyboard.press('Escape');
    await expect.poll(panelOpen).toBe(false);
    expect(await valueOf('#ta')).toBe(ORIGINAL);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ta');
  });

  it('a text input, with only part of its text selected', async () => {
    await page.$eval('#in', (el, v) => ((el as HTMLInputElement).value = v), `${ORIGINAL} Kept after.`);
    // The selection is the sentence; the words after it are not sent and stay as they are.
    await selectInField(page, '#in', [0, ORIGINAL.length]);
    await clickWriteMenu(env.hearth, page, 'proofread');
    expect(await waitForSuggestion(page)).toBe(CORRECTED);
    await panelPart(page, 'apply').click();
    await expect.poll(() => valueOf('#in')).toBe(`${CORRECTED} Kept after.`);
  });

});

describe('writing help in editors that are not a plain field', () => {
  it('a contenteditable editor keeps the bold word and the link where the text did not change; Ctrl+Z restores it all', async () => {
    const before = await page.$eval('#rich', (el) => el.innerHTML);
    await selectInField(page, '#rich p');
    await clickWriteMenu(env.hearth, page, 'proofread');
    expect(await waitForSuggestion(page)).toBe(CORRECTED);
    await panelPart(page, 'apply').click();
    await expect.poll(() => page.$eval('#rich', (el) => el.textContent)).toBe(CORRECTED);
    expect(await page.$eval('#rich', (el) => ({ bold: el.querySelector('b')?.textContent, link: el.querySelector('a')?.textContent, href: el.querySelector('a')?.getAttribute('href') })))
      .toEqual({ bold: 'park', link: 'Sam', href: '/map' });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.$eval('#rich', (el) => el.innerHTML)).toBe(before);
  });

  it('a React-style controlled input takes the edit into its state (a direct value change would be ignored)', async () => {
    // The check first: a script's way (set value, fire input) does not reach this app's state.
    await page.$eval('#react', (el) => {
      (el as HTMLInputElement).value = 'changed by a script';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(await page.$eval('#state', (el) => el.textContent)).toBe(ORIGINAL);
    expect(await valueOf('#react')).toBe(ORIGINAL);
    await selectInField(page, '#react');
    await clickWriteMenu(env.hearth, page, 'proofread');
    expect(await waitForSuggestion(page)).toBe(CORRECTED);
    await panelPart(page, 'apply').click();
    await expect.poll(() => page.$eval('#state', (el) => el.textContent)).toBe(CORRECTED);
    expect(await valueOf('#react')).toBe(CORRECTED);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.$eval('#state', (el) => el.textContent)).toBe(ORIGINAL);
  });

  it('a field inside a same-origin frame: the panel opens in the page, Apply edits the frame’s field, Ctrl+Z undoes it', async () => {
    await openGranted(env.hearth, page, `${env.server.origin}/framed.html`);
    const frame = page.frames().find((f) => f.url().endsWith('/inner.html'))!;
    await frame.waitForSelector('#ta');
    await selectInField(frame, '#ta');
    await clickWriteMenu(env.hearth, page, 'proofread', { frameId: 1, frameUrl: frame.url() });
    expect(await waitForSuggestion(page)).toBe(CORRECTED);
    await panelPart(page, 'apply').click();
    await expect.poll(() => frame.$eval('#ta', (el) => (el as HTMLTextAreaElement).value)).toBe(CORRECTED);
    await page.keyboard.press('Control+z');
    await expect.poll(() => frame.$eval('#ta', (el) => (el as HTMLTextAreaElement).value)).toBe(ORIGINAL);
  });
});

describe('writing help refuses what it must not touch', () => {
  it('a read-only field and a password field are refused with a reason, and the password is never read', async () => {
    await selectInField(page, '#ro');
    await clickWriteMenu(env.hearth, page, 'proofread');
    await panelPart(page, 'error').waitFor();
    expect(await panelPart(page, 'error').textContent()).toMatch(/read-only/);
    expect(await panelPart(page, 'apply').count()).toBe(0);

    await selectInField(page, '#pw');
    await clickWriteMenu(env.hearth, page, 'rewrite:clearer');
    await panelPart(page, 'error').waitFor();
    const shown = await panelPart(page, 'panel').textContent();
    expect(shown).toMatch(/password field/);
    expect(shown).not.toContain('hunter2');
    expect(await page.evaluate(() => document.querySelectorAll('hearth-write').length)).toBe(1); // the first panel made way
  });

  it('when the page changes the field after Hearth read it, Apply refuses and says so', async () => {
    await selectInField(page, '#ta');
    await clickWriteMenu(env.hearth, page, 'proofread');
    await waitForSuggestion(page);
    // A page script replaces the text without any event (as a framework's re-render does).
    await page.$eval('#ta', (el) => ((el as HTMLTextAreaElement).value = 'The page wrote this instead.'));
    await panelPart(page, 'apply').click();
    await panelPart(page, 'changed').waitFor();
    expect(await panelPart(page, 'changed').textContent()).toMatch(/changed since Hearth read it/);
    expect(await valueOf('#ta')).toBe('The page wrote this instead.');
    expect(await panelPart(page, 'apply').getAttribute('disabled')).not.toBeNull();
  });

  it('an edit while the suggestion is on its way turns Apply off at once', async () => {
    await selectInField(page, '#ta');
    await clickWriteMenu(env.hearth, page, 'rewrite:shorter');
    // The site's own editor changes the text as the user types (an input event).
    await page.$eval('#ta', (el) => {
      (el as HTMLTextAreaElement).value += ' More.';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await panelPart(page, 'changed').waitFor();
    await waitForSuggestion(page);
    expect(await panelPart(page, 'apply').getAttribute('disabled')).not.toBeNull();
    expect(await valueOf('#ta')).toBe(`${ORIGINAL} More.`);
  });
});
