import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { writeFile } from 'node:fs/promises';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE } from '../../testkit/models/tiny-llama-gguf';
import { addModel, hostStatus, lastAnswer, newChat, openPopup, saveSettings, send, showView } from '../../testkit/browser/popup';

// The chat's own ways to find and change things: the model picker, edit and resend, History search, undo.
let hearth: Hearth;
let server: TestServer;
let page: Page;
const SHOTS = process.env.HEARTH_SHOTS_DIR;

beforeAll(async () => {
  server = await startServer({ '/tiny.gguf': fileRoute(makeTinyLlamaGguf()), '/echo.gguf': fileRoute(makeTinyLlamaGguf({ echo: true })) });
  hearth = await launchHearth();
  page = await openPopup(hearth);
  await addModel(page, `${server.origin}/tiny.gguf`);
  await addModel(page, `${server.origin}/echo.gguf`); // the last one added is the one in use
  await saveSettings(page, { temperature: 0, systemPrompt: '', maxTokens: 40 });
  await page.close();
});
// Each test starts from an empty History, a fresh popup and the echo model in use (the last one added), whatever an
// earlier test left: History's search counts every conversation, and the first test switches models.
beforeEach(async () => {
  await page?.close();
  await hearth.sw.evaluate(() => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('hearth-chat', 1);
    open.onerror = () => reject(open.error);
    open.onupgradeneeded = () => open.result.createObjectStore('conversations', { keyPath: 'id' }); // as lib/chat/chat-store.ts
    open.onsuccess = () => {
      const tx = open.result.transaction('conversations', 'readwrite');
      tx.objectStore('conversations').clear();
      tx.oncomplete = () => (open.result.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  }));
  page = await openPopup(hearth);
  await showView(page, 'Chat');
  await page.getByTestId('model-picker').selectOption(echo());
  await expect.poll(async () => (await hostStatus(page)).model?.id).toBe(echo());
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

const tiny = () => `url:${server.origin}/tiny.gguf`;
const echo = () => `url:${server.origin}/echo.gguf`;

/** Two conversations, "We saw dahlia here." and "We saw basil here." with its message edited to dahlia and resent. */
async function editedConversations(): Promise<void> {
  await newChat(page);
  await answer('We saw dahlia here.');
  await newChat(page);
  await answer('We saw basil here.');
  await page.locator('[data-testid=msg-user]').first().getByRole('button', { name: 'Edit' }).click();
  await page.fill('#edit-message', 'We saw dahlia here.');
  await page.getByRole('button', { name: 'Resend' }).click();
  await expect.poll(() => page.locator('[data-testid=msg-user] .text').allTextContents()).toEqual(['We saw dahlia here.']);
  await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
}

async function answer(text: string): Promise<string> {
  const before = await page.locator('[data-testid=msg-assistant]').count();
  await send(page, text);
  await expect.poll(() => page.locator('[data-testid=msg-assistant]').count()).toBe(before + 1);
  await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
  return (await lastAnswer(page).locator('.text').textContent()) ?? '';
}

/** The stored conversation titled `title`, read from IndexedDB as the app keeps it. */
const stored = (title: string) =>
  page.evaluate((title) => new Promise<{ role: string; content: string }[] | null>((resolve) => {
    const open = indexedDB.open('hearth-chat', 1);
    open.onsuccess = () => {
      const req = open.result.transaction('conversations').objectStore('conversations').getAll();
      req.onsuccess = () => resolve((req.result as { title: string; messages: { role: string; content: string }[] }[]).find((c) => c.title === title)?.messages.map(({ role, content }) => ({ role, content })) ?? null);
    };
  }), title);

describe('finding the chat features', () => {
  it('switches the model from the chat view', async () => {
    await showView(page, 'Chat');
    const picker = page.getByTestId('model-picker');
    expect(await picker.inputValue()).toBe(echo());
    await picker.selectOption(tiny());
    await expect.poll(async () => (await hostStatus(page)).model?.id).toBe(tiny());
    await expect.poll(() => picker.inputValue()).toBe(tiny());
    await newChat(page);
    // The counting model answers, not the echo one.
    expect(await answer('one two three')).toBe(TINY_EXPECTED_AFTER_ONE_TWO_THREE.trim());
    await picker.selectOption(echo());
    await expect.poll(async () => (await hostStatus(page)).model?.id).toBe(echo());
  });

  it('edits a sent message and sends it again: the old answer goes, the new one answers the new text', async () => {
    await newChat(page);
    const fresh = await answer('We saw dahlia here.');
    await newChat(page);
    const first = await answer('We saw basil here.');
    expect(first).not.toBe(fresh); // the echo model's answer depends on the text
    const user = page.locator('[data-testid=msg-user]').first();
    await user.getByRole('button', { name: 'Edit' }).click();
    await page.fill('#edit-message', 'We saw dahlia here.');
    await page.getByRole('button', { name: 'Resend' }).click();
    await expect.poll(() => page.locator('[data-testid=msg-user] .text').allTextContents()).toEqual(['We saw dahlia here.']);
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await page.locator('[data-testid=msg-assistant]').count()).toBe(1);
    expect(await lastAnswer(page).locator('.text').textContent()).toBe(fresh);
    await expect.poll(() => stored('We saw basil here.')).toEqual([
      { role: 'user', content: 'We saw dahlia here.' },
      { role: 'assistant', content: expect.stringContaining(fresh.split(' ')[0]!) },
    ]);
  });

  it('searches History, and deletes a conversation with undo', async () => {
    await editedConversations();
    await newChat(page);
    await answer('Zebra crossing notes.');
    await showView(page, 'History');
    const search = page.getByRole('searchbox', { name: 'Search history' });
    const listed = () => page.locator('.conversations li').allTextContents();
    expect((await listed()).length).toBeGreaterThanOrEqual(3);
    await search.fill('zebra');
    await expect.poll(listed).toEqual([expect.stringMatching(/^Zebra crossing notes\./)]);
    await search.fill('saw dahlia'); // in one title, and in the other's (edited) message
    await expect.poll(listed).toEqual([expect.stringMatching(/^We saw basil here\./), expect.stringMatching(/^We saw dahlia here\./)]);
    await search.fill('no such words');
    await expect.poll(() => page.getByText('No conversation mentions “no such words”.').count()).toBe(1);
    await search.fill('zebra');
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/history-search.png` });

    await page.getByRole('button', { name: 'Delete "Zebra crossing notes."' }).click();
    await expect.poll(() => page.getByTestId('undo-bar').textContent()).toMatch(/^Deleted “Zebra crossing notes\.”\./);
    await expect.poll(listed).toEqual([]);
    expect(await stored('Zebra crossing notes.')).toBeNull();
    await page.getByTestId('undo-bar').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(listed).toEqual([expect.stringMatching(/^Zebra crossing notes\./)]);
    expect(await stored('Zebra crossing notes.')).toHaveLength(2);
    expect(await page.getByTestId('undo-bar').count()).toBe(0);
  });
});

describe('layout', () => {
  it('side panel: one tab bar and the composer at the bottom; popup at its real size (light and dark)', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const side = await hearth.context.newPage();
      await side.setViewportSize({ width: 360, height: 720 });
      await side.emulateMedia({ colorScheme: scheme });
      await side.goto(hearth.url('sidepanel.html'));
      await side.locator('#prompt').waitFor();
      expect(await side.locator('nav').count()).toBe(1);
      expect(await side.locator('nav button').allTextContents()).toEqual(['Chat', 'Summary', 'History', 'Models', 'Settings']);
      const composer = (await side.locator('.composer').boundingBox())!;
      expect(720 - (composer.y + composer.height)).toBeLessThan(24); // at the bottom, not mid-panel
      expect(await side.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360); // nothing wider than the panel
      if (SHOTS) await side.screenshot({ path: `${SHOTS}/sidepanel-${scheme}.png` });
      await side.getByRole('button', { name: 'Summary', exact: true }).click();
      expect(await side.getByTestId('summarize-page').isVisible()).toBe(true);
      expect(await side.getByTestId('paste').isVisible()).toBe(false); // pasting is the second way, folded away
      if (SHOTS) await side.screenshot({ path: `${SHOTS}/sidepanel-summary-${scheme}.png` });
      await side.close();

      const popup = await hearth.context.newPage();
      await popup.setViewportSize({ width: 420, height: 580 });
      await popup.emulateMedia({ colorScheme: scheme });
      await popup.goto(hearth.url('popup.html'));
      await popup.locator('#prompt').waitFor();
      const box = (await popup.locator('.composer').boundingBox())!;
      expect(580 - (box.y + box.height)).toBeLessThan(24);
      if (SHOTS) await popup.screenshot({ path: `${SHOTS}/popup-${scheme}.png` });
      await showView(popup, 'Models');
      await popup.getByTestId('active-badge').waitFor();
      if (SHOTS) await popup.screenshot({ path: `${SHOTS}/models-${scheme}.png` });
      await showView(popup, 'Settings');
      // Every shortcut as Chrome reports it, the popup's own included.
      await expect.poll(() => popup.getByTestId('shortcuts').locator('dt').allTextContents()).toEqual(
        expect.arrayContaining(['Open Hearth', 'Summarize this page', 'Summarize the selected text']),
      );
      expect(await popup.getByTestId('shortcuts').textContent()).toContain('Alt+Shift+G');
      if (SHOTS) await popup.screenshot({ path: `${SHOTS}/settings-${scheme}.png` });
      await popup.close();
    }
  });
});

if (SHOTS) afterAll(async () => writeFile(`${SHOTS}/.done`, 'ok'));
