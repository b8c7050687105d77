import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf, TINY_EXPECTED_AFTER_ONE_TWO_THREE } from '../../testkit/models/tiny-llama-gguf';
import { command, generateOnPorts, hostStatus, openPopup, showView } from '../../testkit/browser/popup';
import { chooseTinyModel } from '../../testkit/browser/summary';
import { BUILTIN_MODEL, BUILTIN_SESSION_OPTIONS, whyBuiltinUnusable } from '../../lib/llm/builtin-ai';
import type { GenerateRequest } from '../../lib/messaging/protocol';

// Chrome's built-in model where this browser cannot give it: Debian's Chromium 156 has the APIs (LanguageModel,
// Summarizer, Translator, LanguageDetector) but no on-device model service, so availability() says 'unavailable'
// (measured: create() then fails with NotSupportedError "…the service is not running"); other browsers have none
// ('absent'). Either way nothing of Hearth's may change or break, and Models says why the choice is not there. What
// it does where Chrome has the model is checked by hand (docs/MANUAL-CHECKS-BUILTIN-AI.md) and against a fake
// (lib/llm/host/builtin-engine.test.ts).

let hearth: Hearth;
let server: TestServer;
let popup: Page;

beforeAll(async () => {
  server = await startServer({ '/tiny.gguf': fileRoute(makeTinyLlamaGguf({ contextLength: 512 })) });
  hearth = await launchHearth();
  popup = await openPopup(hearth);
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

/** What this browser says of Chrome's built-in model, asked in the popup as Hearth asks (its options), or 'absent'. */
const builtinState = () =>
  popup.evaluate(async (options) => {
    const api = (globalThis as { LanguageModel?: { availability(o: unknown): Promise<string> } }).LanguageModel;
    return (api ? await api.availability(options) : 'absent') as 'unavailable' | 'absent';
  }, BUILTIN_SESSION_OPTIONS);

const hello: GenerateRequest = { input: { kind: 'completion', prompt: 'one two three' }, options: { temperature: 0, maxTokens: 16 } };

describe("Chrome's built-in model where this browser cannot give it", () => {
  it('this browser cannot give its built-in model: availability() with Hearth’s options is not "available"', async () => {
    const state = await builtinState();
    expect(['unavailable', 'absent']).toContain(state);
  });

  it('Models shows no built-in choice, only the reason; Hearth’s own models are listed as before', async () => {
    await showView(popup, 'Models');
    const card = popup.locator('[data-testid=builtin-model]');
    const state = await builtinState();
    await expect.poll(() => card.getAttribute('data-state')).toBe(state); // what Chrome said, shown as it said it
    expect(await popup.locator('[data-testid=builtin-reason]').textContent()).toBe(whyBuiltinUnusable(state));
    expect(whyBuiltinUnusable(state)).toMatch(/Hearth's own models work here/);
    expect(await card.getByRole('button').count()).toBe(0); // no Use, no Download
    expect(await popup.locator('[data-testid^="model-"]:not([data-testid=builtin-model]) strong').count()).toBeGreaterThan(3);
    await showView(popup, 'Chat');
    const options = await popup.locator('[data-testid=model-picker] option').allTextContents();
    expect(options.length).toBeGreaterThan(0);
    expect(options.join('|')).not.toMatch(/built-in/);
    expect(await popup.locator('[data-testid=first-run-builtin]').count()).toBe(0);
    // Not available: the first-run offer does not time it either (no prompt is sent to an unavailable model).
    expect(await popup.locator('[data-testid=first-run-builtin-checking], [data-testid=first-run-builtin-why]').count()).toBe(0);
    expect(await hearth.sw.evaluate(async () => Object.keys(await chrome.storage.local.get('hearth:builtinSpeed')))).toEqual([]);
  });

  it('chosen anyway (a profile from a Chrome that had it), an answer fails with the same reason; a Hearth model then answers', async () => {
    const status = await command<{ model: { engine: string } }>(popup, 'background', 'model.select', { model: BUILTIN_MODEL });
    expect(status.model.engine).toBe('builtin');
    const [refused] = await generateOnPorts(popup, [hello]);
    expect(refused!.error?.message).toBe(whyBuiltinUnusable(await builtinState())); // the model host says the same
    expect((await hostStatus(popup)).state).toBe('error');

    await chooseTinyModel(hearth, `${server.origin}/tiny.gguf`);
    const [answer] = await generateOnPorts(popup, [hello]);
    expect(answer!.error).toBeUndefined();
    expect(answer!.text).toMatch(/^ four five six/); // the tiny model's own continuation
    expect(TINY_EXPECTED_AFTER_ONE_TWO_THREE.startsWith(answer!.text!)).toBe(true);
  });
});
