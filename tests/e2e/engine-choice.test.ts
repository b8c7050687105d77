import { afterEach, describe, expect, it } from 'vitest';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { hostStatus, openPopup } from '../../testkit/browser/popup';

let hearth: Hearth | undefined;
afterEach(async () => {
  await hearth?.close();
  hearth = undefined;
});

async function statusIn(h: Hearth) {
  const page = await openPopup(h);
  await expect.poll(() => page.getByTestId('backend').getAttribute('data-engine'), { timeout: 15_000 }).not.toBe('');
  return { status: await hostStatus(page), shown: await page.getByTestId('backend').textContent() };
}

describe('engine choice by device', () => {
  it('picks Wasm when WebGPU has no adapter, and says so', async () => {
    hearth = await launchHearth();
    const { status, shown } = await statusIn(hearth);
    expect(status.backend.engine).toBe('cpu');
    expect(status.backend.adapter).toBeUndefined();
    expect(shown).toMatch(/no usable graphics adapter|no WebGPU/);
  });

  it('skips the software (SwiftShader) WebGPU adapter that --enable-unsafe-webgpu gives, and says why', async () => {
    hearth = await launchHearth({ webgpu: true });
    const { status, shown } = await statusIn(hearth);
    expect(status.backend.adapter?.isFallback).toBe(true);
    expect(status.backend.engine).toBe('cpu');
    expect(shown).toMatch(/software emulation/);
  });
});
