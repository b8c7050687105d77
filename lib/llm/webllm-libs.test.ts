import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { ModelLibIntegrityError } from '../messaging/errors';
import { WEBLLM_LIB_LOCK, isWebLlmLibPinned, pinFor, sha256Base64, staleLockEntries, verifyLib, type WebLlmLibLock } from './webllm-libs';

const URL_A = 'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/v1/A-webgpu.wasm';
const reviewed = Buffer.from('\0asm the reviewed library');
const pinOf = (b: Buffer) => ({ model_id: 'A-MLC', sha256: createHash('sha256').update(b).digest('base64'), size: b.length });
const lock: WebLlmLibLock = { [URL_A]: pinOf(reviewed) };
const buf = (b: Buffer) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

describe('WebLLM library pins', () => {
  it('hashes as sha256sum does (base64, as in SRI)', async () => {
    expect(await sha256Base64(buf(reviewed))).toBe(createHash('sha256').update(reviewed).digest('base64'));
  });

  it('accepts the pinned bytes', async () => {
    await expect(verifyLib(buf(reviewed), pinFor(lock, URL_A, 'A-MLC', 'A'), URL_A, 'A')).resolves.toBeUndefined();
  });

  it('refuses other bytes of the same size, naming both hashes', async () => {
    const other = Buffer.from('\0asm the swapped library!');
    expect(other.length).toBe(reviewed.length);
    const check = verifyLib(buf(other), lock[URL_A]!, URL_A, 'A');
    await expect(check).rejects.toThrow(ModelLibIntegrityError);
    await expect(check).rejects.toThrow(`expected sha256-${lock[URL_A]!.sha256}, got sha256-${pinOf(other).sha256}`);
  });

  it('refuses a file of another size before hashing it', async () => {
    await expect(verifyLib(buf(Buffer.concat([reviewed, Buffer.from('x')])), lock[URL_A]!, URL_A, 'A')).rejects.toThrow(/is 26 bytes, not the 25 bytes pinned/);
  });

  it('refuses a library with no entry, or an entry made for another model', () => {
    expect(() => pinFor(lock, URL_A.replace('A-', 'B-'), 'B-MLC', 'Model B')).toThrow(ModelLibIntegrityError);
    expect(() => pinFor(lock, URL_A.replace('A-', 'B-'), 'B-MLC', 'Model B')).toThrow(/Model B needs a WebGPU library that this build of Hearth has not pinned/);
    expect(() => pinFor(lock, URL_A, 'B-MLC', 'Model B')).toThrow(ModelLibIntegrityError);
    expect(() => pinFor({}, URL_A, 'A-MLC', 'A')).toThrow(/Choose a CPU \(GGUF\) model instead/);
  });

  it('knows which models this build can run on the GPU', () => {
    expect(isWebLlmLibPinned('A-MLC', lock)).toBe(true);
    expect(isWebLlmLibPinned('B-MLC', lock)).toBe(false);
    expect(isWebLlmLibPinned('A-MLC', {})).toBe(false);
  });

  it("finds entries whose URL is not the library WebLLM's catalogue names (after a WebLLM upgrade)", () => {
    const list = [{ model_id: 'A-MLC', model_lib: URL_A.replace('/v1/', '/v2/') }];
    expect(staleLockEntries(lock, list)).toEqual([URL_A]);
    expect(staleLockEntries(lock, [{ model_id: 'A-MLC', model_lib: URL_A }])).toEqual([]);
  });

  it("the committed lock matches this WebLLM version's catalogue", () => {
    expect(staleLockEntries(WEBLLM_LIB_LOCK, prebuiltAppConfig.model_list as { model_id: string; model_lib: string }[])).toEqual([]);
  });
});
