import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchHearth, type Hearth } from '../helpers/launch';
import { openPopup } from '../helpers/popup';
import { fakeCameraArgs, poseY4m } from '../helpers/pose-video';

let hearth: Hearth | undefined;
afterEach(async () => {
  await hearth?.close();
  hearth = undefined;
});

/** Start pose from an extension page as the overlay does; resolve with the first 'ready' and 'error', or a pose. */
function startPose(page: Page, backend: string) {
  return page.evaluate(
    (backend) =>
      new Promise<{ ready?: { backend: { backend: string; reason: string } }; error?: string; posed?: boolean }>((resolve) => {
        const port = chrome.runtime.connect({ name: 'hearth:pose' });
        let ready: { backend: { backend: string; reason: string } } | undefined;
        port.onMessage.addListener((m) => {
          if (m.type === 'ready') ready = m;
          if (m.type === 'error') resolve({ ready, error: m.error.message });
          if (m.type === 'poses') {
            port.disconnect();
            resolve({ ready, posed: true });
          }
        });
        port.postMessage({ type: 'start', settings: { model: 'lightning', backend } });
      }),
    backend,
  );
}

describe('pose faults', () => {
  it('a backend that fails to start (webgpu without an adapter) falls back to the next one, and says so', async () => {
    hearth = await launchHearth({ args: fakeCameraArgs(poseY4m(60)) });
    const page = await openPopup(hearth);
    const r = await startPose(page, 'webgpu');
    expect(r.error).toBeUndefined();
    expect(r.posed).toBe(true);
    expect(r.ready?.backend.backend).toBe('webgl');
    expect(r.ready?.backend.reason).toMatch(/^webgpu failed \(.+\); fell back to webgl$/);
  });

  it('camera permission denied: a clear message, no hang', async () => {
    hearth = await launchHearth({ args: ['--use-fake-device-for-media-stream'] }); // no fake UI: the prompt is refused
    const page = await openPopup(hearth);
    const r = await startPose(page, 'auto');
    expect(r.error).toMatch(/Hearth may not use the camera/);
  });
});
