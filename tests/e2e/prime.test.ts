import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_WORDS } from '../../testkit/models/tiny-llama-gguf';
import { tinyGreedyContinuation } from '../../testkit/models/tiny-expected';
import { addModel, command, generateOnPorts, hostStatus, openPopup } from '../../testkit/browser/popup';
import type { GenerateRequest } from '../../lib/messaging/protocol';

// `llm.prime` in the real extension: the popup asks the model host to read a page's prompt ahead of the question;
// the question that follows reads only its own tokens, and the answer is the one an unprimed run writes.
let hearth: Hearth;
let server: TestServer;

beforeAll(async () => {
  // Trained on 8,192 positions: the added model's spec says 4,096 (the cap for added models); the engine takes more.
  server = await startServer({ '/tiny.gguf': fileRoute(makeTinyLlamaGguf({ contextLength: 8192 })) });
  hearth = await launchHearth();
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

const completion = (prompt: string, maxTokens = 30): GenerateRequest => ({ input: { kind: 'completion', prompt }, options: { temperature: 0, maxTokens } });

/** One answer over the generate port, as the UI streams it: its text and the host's stats. */
const generate = async (page: Page, request: GenerateRequest) => (await generateOnPorts(page, [request]))[0]!;

describe('priming a prompt in the extension', () => {
  it('the popup primes a page; the question after it reuses the whole page and writes the unprimed answer', async () => {
    const page = await openPopup(hearth);
    await addModel(page, `${server.origin}/tiny.gguf`);
    const text = Array.from({ length: 120 }, (_, i) => TINY_WORDS[i % 20]).join(' ');
    // Nothing is loaded or downloaded yet: a prime neither downloads the model nor loads it.
    expect(await command(page, 'host', 'llm.prime', { request: completion(text), key: 'tab:1' })).toEqual({ accepted: false });
    expect((await hostStatus(page)).loadedModelId).toBeNull();

    expect((await hostStatus(page)).model?.contextTokens).toBe(4096);
    const first = await generate(page, completion('one two three'));
    expect(first.stats).toMatchObject({ reusedTokens: 0 });
    // Loaded, the model has the context the engine chose from the device's memory (the tiny model's cache is small).
    expect((await hostStatus(page)).model?.contextTokens).toBe(8192);
    expect(await command(page, 'host', 'llm.prime', { request: completion(text), key: 'tab:1' })).toEqual({ accepted: true });
    await expect.poll(async () => (await hostStatus(page)).primed, { timeout: 60_000 }).toBe(1);

    const question = `${text} nine ten`;
    const answer = await generate(page, completion(question));
    expect(answer.error).toBeUndefined();
    expect(answer.stats).toMatchObject({ promptTokens: 123, reusedTokens: 121, finishReason: 'stop' }); // BOS + 120 words primed
    expect(answer.text).toBe(tinyGreedyContinuation(question));
    // The first prompt kept its own slot of the KV cache.
    expect((await generate(page, completion('one two three four'))).stats).toMatchObject({ reusedTokens: 4 });
    // After the idle unload (here: an unload), the model's file is in the local cache: a prime loads it again, with
    // nothing downloaded, and reads the page, so the question reads only its own tokens once more.
    await command(page, 'host', 'llm.unload');
    expect((await hostStatus(page)).loadedModelId).toBeNull();
    const downloads = server.hits.filter((p) => p === '/tiny.gguf').length;
    expect(await command(page, 'host', 'llm.prime', { request: completion(text), key: 'tab:2' })).toEqual({ accepted: true });
    await expect.poll(async () => (await hostStatus(page)).primed, { timeout: 60_000 }).toBe(2);
    expect(server.hits.filter((p) => p === '/tiny.gguf').length).toBe(downloads);
    expect((await generate(page, completion(question))).stats).toMatchObject({ promptTokens: 123, reusedTokens: 121 });
    // A bad prime is refused like a bad generate request.
    await expect(command(page, 'host', 'llm.prime', { request: { input: { kind: 'eval' } }, key: 'x' })).rejects.toThrow(/Unknown kind/);
    await page.close();
  });
});
