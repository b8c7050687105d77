import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { makeTinyLlamaGguf } from '../../testkit/models/tiny-llama-gguf';
import { addModel, command, lastAnswer, openPopup, send, showView } from '../../testkit/browser/popup';
import type { ModelSpeeds } from '../../lib/messaging/protocol';

let hearth: Hearth;
let server: TestServer;

beforeAll(async () => {
  server = await startServer({ '/tiny.gguf': fileRoute(makeTinyLlamaGguf({ nEmbd: 128, nLayer: 2 })) });
  hearth = await launchHearth();
});
afterAll(async () => {
  await hearth?.close();
  await server?.close();
});

describe('Models says how fast each model runs here', () => {
  it('measures the device on the real kernels, estimates each CPU model, then shows the speed measured on a real run', async () => {
    const popup = await openPopup(hearth);
    await showView(popup, 'Models');
    const smol135 = popup.getByTestId('speed-gguf:smollm2-135m-instruct-q8_0');
    const smol360 = popup.getByTestId('speed-gguf:smollm2-360m-instruct-q8_0');
    await smol135.waitFor({ timeout: 60_000 });
    const words = async (l: typeof smol135) => Number(/^about ([\d.,]+) words\/s here/.exec((await l.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
    const [w135, w360] = [await words(smol135), await words(smol360)];
    expect(w135).toBeGreaterThan(0);
    expect(w360).toBeGreaterThan(0);
    expect(w135).toBeGreaterThan(w360 * 2); // 145 MB of weights against 386 MB
    const speeds = await command<ModelSpeeds>(popup, 'host', 'llm.speeds', {});
    expect(speeds.device!.weightBytesPerSec).toBeGreaterThan(100e6);
    console.log(`device: ${(speeds.device!.weightBytesPerSec / 1e9).toFixed(2)} GB/s on ${speeds.device!.threads} threads; SmolLM2 135M ~${w135} words/s, 360M ~${w360} words/s`);

    // A real answer from the tiny model: its measured speed is recorded and shown.
    const url = `${server.origin}/tiny.gguf`;
    await addModel(popup, url);
    await send(popup, 'one two three');
    await expect.poll(() => lastAnswer(popup).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
    await popup.reload();
    await showView(popup, 'Models');
    const tiny = popup.getByTestId(`speed-url:${url}`);
    await expect.poll(() => tiny.textContent(), { timeout: 20_000 }).toMatch(/measured: [\d.,]+ words\/s$/);
    await popup.close();
  });
});
