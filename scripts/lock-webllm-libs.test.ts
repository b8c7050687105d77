import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockWebLlmLibs } from './lock-webllm-libs.mjs';
import { vendorWebLlmLibs } from './vendor-webllm-libs.mjs';

const LIB = 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v9/A-webgpu.wasm';
const prebuilt = { model_list: [{ model_id: 'A-MLC', model_lib: LIB }] };
const sha = (b: Buffer) => createHash('sha256').update(b).digest('base64');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for GitHub (or a mirror) that serves `body` and remembers what was asked. */
function serving(body: Buffer) {
  const asked: string[] = [];
  const fetchImpl = (async (url: string) => (asked.push(url), new Response(new Uint8Array(body)))) as unknown as typeof fetch;
  return { asked, fetchImpl };
}

describe('lock-webllm-libs', () => {
  it("pins each model's library by WebLLM's address: SHA-256 and size of the file downloaded", async () => {
    dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const body = Buffer.from('\0asm library A');
    const mirror = serving(body);
    const lockPath = join(dir, 'lock.json');
    await lockWebLlmLibs({ modelIds: ['A-MLC'], lockPath, base: 'http://mirror.test/libs/', fetchImpl: mirror.fetchImpl, prebuilt, log: () => {} });
    expect(mirror.asked).toEqual(['http://mirror.test/libs/A-webgpu.wasm']);
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toEqual({ [LIB]: { model_id: 'A-MLC', sha256: sha(body), size: body.length } });
  });

  it('refuses a library whose bytes changed since it was locked, unless told to accept it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'lock-'));
    const lockPath = join(dir, 'lock.json');
    const before = { [LIB]: { model_id: 'A-MLC', sha256: sha(Buffer.from('old')), size: 3 } };
    writeFileSync(lockPath, JSON.stringify(before));
    const moved = serving(Buffer.from('\0asm the branch moved'));
    await expect(lockWebLlmLibs({ modelIds: ['A-MLC'], lockPath, fetchImpl: moved.fetchImpl, prebuilt, log: () => {} })).rejects.toThrow(/changed since it was locked/);
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toEqual(before);
    const lines: string[] = [];
    await lockWebLlmLibs({ modelIds: ['A-MLC'], lockPath, fetchImpl: moved.fetchImpl, prebuilt, acceptChanges: true, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/CHANGED A-webgpu\.wasm/);
    expect(JSON.parse(readFileSync(lockPath, 'utf8'))[LIB].sha256).toBe(sha(Buffer.from('\0asm the branch moved')));
  });
});

describe('vendor-webllm-libs (release build)', () => {
  it('refuses to package a library the lock does not name', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vendor-'));
    const lockPath = join(dir, 'lock.json');
    writeFileSync(lockPath, '{}');
    const opts = { modelIds: ['A-MLC'], outDir: join(dir, 'out'), lockPath, fetchImpl: serving(Buffer.from('x')).fetchImpl, prebuilt };
    await expect(vendorWebLlmLibs(opts)).rejects.toThrow(/has no entry in .*npm run lock:webllm-libs/);
    expect(existsSync(join(dir, 'out/manifest.json'))).toBe(false);
    expect(readFileSync(lockPath, 'utf8')).toBe('{}'); // the build never pins on its own
  });
});
