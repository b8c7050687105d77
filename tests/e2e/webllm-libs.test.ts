import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { launchHearth, type Hearth } from '../../testkit/browser/launch';
import { startHttpsMirror } from '../../testkit/browser/https-mirror';
import { fileRoute } from '../../testkit/browser/server';
import { hostStatus, openPopup, showView } from '../../testkit/browser/popup';

// WebLLM's model libraries are code from a moving GitHub branch: Hearth runs one only if its bytes match the lock the
// build carries. A local HTTPS server stands in for raw.githubusercontent.com (and huggingface.co, to see that no
// weights are fetched); Chromium's SwiftShader adapter (--enable-unsafe-webgpu) gives the GPU path something to run on.
const ROOT = resolve(import.meta.dirname, '../..');
const F32 = 'SmolLM2-360M-Instruct-q4f32_1-MLC';
const F32_LABEL = 'SmolLM2 360M (WebGPU)';
const libUrl = prebuiltAppConfig.model_list.find((m) => m.model_id === F32)!.model_lib;
const reviewed = Buffer.from('\0asm the library that was reviewed');
const served = Buffer.from('\0asm a library the branch moved to'); // same size: only the hash tells them apart
const sha = (b: Buffer) => createHash('sha256').update(b).digest('base64');

let hearth: Hearth | undefined;
afterEach(async () => {
  await hearth?.close();
  hearth = undefined;
});

/** The popup, with the GPU chosen in Settings (the software adapter is skipped on "Automatic"). */
async function popupOnGpu(h: Hearth): Promise<Page> {
  const page = await openPopup(h);
  await expect.poll(() => page.getByTestId('backend').getAttribute('data-engine'), { timeout: 20_000 }).not.toBe('');
  await showView(page, 'Settings');
  await page.selectOption('#engine', 'webgpu');
  await page.getByRole('button', { name: 'Save settings' }).click();
  return page;
}

const modelRow = (page: Page, id: string) => page.getByTestId(`model-webllm:${id}`);

describe('an empty lock (this repository as it is)', () => {
  it('never reaches the GPU path: the host runs on the CPU and says why, and Models says why each GPU model is out', async () => {
    hearth = await launchHearth({ webgpu: true });
    const page = await popupOnGpu(hearth);
    await expect.poll(async () => (await hostStatus(page)).backend.reason, { timeout: 20_000 }).toMatch(/pins no WebGPU model library by hash/);
    expect((await hostStatus(page)).backend.engine).toBe('cpu');
    expect(await page.getByTestId('backend').textContent()).toMatch(/Runs on this computer's CPU.*runs no unverified code/);
    await showView(page, 'Models');
    const row = modelRow(page, F32);
    await expect.poll(() => row.textContent()).toMatch(/Not in this build: its WebGPU library is not pinned by hash/);
    expect(await row.getByRole('button', { name: 'Use' }).count()).toBe(0);
  });
});

describe('a library whose bytes do not match the lock', () => {
  let mirror: Awaited<ReturnType<typeof startHttpsMirror>>;
  let work: string;
  beforeAll(async () => {
    mirror = await startHttpsMirror(fileRoute(served, 'application/wasm'), ['raw.githubusercontent.com', 'huggingface.co']);
    work = mkdtempSync(join(tmpdir(), 'hearth-webllm-lock-'));
    const lock = join(work, 'lock.json');
    writeFileSync(lock, JSON.stringify({ [libUrl]: { model_id: F32, sha256: sha(reviewed), size: reviewed.length } }));
    // A build carrying this lock (wxt.config.ts reads HEARTH_WEBLLM_LOCK), beside the default one.
    await promisify(execFile)('npx', ['wxt', 'build'], { cwd: ROOT, env: { ...process.env, HEARTH_OUT_DIR: join(work, 'out'), HEARTH_WEBLLM_LOCK: lock } });
  }, 300_000);
  afterAll(async () => {
    await mirror?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('is refused with a message before WebLLM runs it or downloads any weights; the CPU models stay the way on', async () => {
    hearth = await launchHearth({ webgpu: true, args: mirror.args, extensionDir: join(work, 'out/chrome-mv3') });
    const page = await popupOnGpu(hearth);
    await expect.poll(async () => (await hostStatus(page)).backend.engine, { timeout: 20_000 }).toBe('webllm');
    await showView(page, 'Models');
    // The f16 variant has no entry in this lock: out, and saying why.
    expect(await modelRow(page, 'SmolLM2-360M-Instruct-q4f16_1-MLC').textContent()).toMatch(/Not in this build/);
    // A WebGPU model downloads by loading (Models' Download button); the library is checked first.
    await modelRow(page, F32).getByRole('button', { name: 'Download' }).click();
    const refusal = modelRow(page, F32).locator('.error').filter({ hasText: 'does not match the hash pinned' });
    await refusal.waitFor({ timeout: 60_000 });
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain(`${F32_LABEL}'s WebGPU library`);
    expect(text).toContain(`expected sha256-${sha(reviewed)}, got sha256-${sha(served)}`);
    expect(text).toMatch(/Hearth refused to run it\. Choose a CPU \(GGUF\) model instead\./);
    // Hearth fetched the library itself; WebLLM never started (no model config or weights asked of Hugging Face).
    expect(mirror.hits).toContain(`raw.githubusercontent.com${new URL(libUrl).pathname}`);
    expect(mirror.hits.filter((h) => h.startsWith('huggingface.co'))).toEqual([]);
    expect((await hostStatus(page)).loadedModelId).toBeNull();
    // The model in use is still the CPU one, and the chat's picker offers the CPU models.
    expect((await hostStatus(page)).model?.engine).toBe('cpu');
    await showView(page, 'Chat');
    const options = await page.getByTestId('model-picker').locator('option').allTextContents();
    expect(options.some((o) => /\(CPU\)/.test(o))).toBe(true);
  });
});
