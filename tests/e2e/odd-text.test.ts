import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { addModel, lastAnswer, newChat, openPopup, saveSettings, send, storedLastAnswer } from '../../testkit/browser/popup';

let hearth: Hearth;
let server: TestServer;
beforeAll(async () => {
  // Trained with a 4,096-token context, which Hearth reads from the file when the model is added.
  server = await startServer({ '/tiny.gguf': fileRoute(makeTinyLlamaGguf({ nCtx: 4096 })) });
  hearth = await launchHearth();
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

// After text that does not end in a number word, the tiny model counts from one to twenty.
const COUNT = ' one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty';

describe('odd text in the chat', () => {
  it('refuses an empty or blank message clearly and keeps the composer usable', async () => {
    const page = await openPopup(hearth);
    await addModel(page, `${server.origin}/tiny.gguf`);
    await saveSettings(page, { temperature: 0, systemPrompt: '' });
    await newChat(page);
    await send(page, '   \n\t ');
    await expect.poll(() => page.locator('[role=alert]').textContent()).toBe('Type a message first.');
    expect(await page.locator('[data-testid=msg-user]').count()).toBe(0);
    expect(await page.inputValue('#prompt')).toBe('   \n\t ');
    await page.close();
  });

  it.each([
    ['emoji and combining marks', 'Zalgo: Z̷̢͔a̴̬͐l̵̰̇g̸̣̈o̶͈̿ 👩🏽‍💻🏳️‍🌈 e\u0301'],
    ['right-to-left and mixed scripts', 'مرحبا بالعالم — שלום עולם — Привет, 世界'],
    ['binary-looking text', '\u0000\u0001\u0002\uFFFD\uD83D PK\u0003\u0004 %PDF-1.7 \u007f'],
  ])('answers %s with the model\u2019s real output and shows the message as typed', async (_name, text) => {
    const page = await openPopup(hearth);
    await newChat(page);
    await send(page, text);
    await expect.poll(() => lastAnswer(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    expect(await storedLastAnswer(page)).toEqual({ content: COUNT, status: 'done' });
    // A lone surrogate cannot be shown; the browser shows U+FFFD for it, as for any ill-formed text.
    expect(await page.locator('[data-testid=msg-user] .text').last().textContent()).toBe(text.toWellFormed());
    await page.close();
  });

  it('refuses a message too large for the model with the sizes, and loses nothing', async () => {
    const page = await openPopup(hearth);
    await newChat(page);
    const huge = 'word '.repeat(500_000); // 2.5 MB
    await page.evaluate((t) => {
      const el = document.querySelector<HTMLTextAreaElement>('#prompt')!;
      el.value = t;
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, huge);
    await page.locator('#prompt').press('Enter');
    await expect.poll(() => page.locator('[role=alert]').textContent(), { timeout: 20_000 }).toMatch(/too long for the model's context \(about \d+ tokens of 4096\)/);
    expect((await page.inputValue('#prompt')).length).toBe(huge.length);
    expect(await page.locator('[data-testid=msg-user]').count()).toBe(0);
    await page.close();
  });
});
