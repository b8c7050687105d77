import { describe, expect, it } from 'vitest';
import { configWithLib, libDownloadUrl } from './webllm-app-config';

const list = [
  { model: 'https://huggingface.co/a', model_id: 'A', model_lib: 'https://raw.githubusercontent.com/x/A-webgpu.wasm' },
  { model: 'https://huggingface.co/b', model_id: 'B', model_lib: 'https://raw.githubusercontent.com/x/B-webgpu.wasm' },
];
const url = (p: string) => `chrome-extension://id${p}`;

describe('libDownloadUrl', () => {
  it("reads WebLLM's address when nothing is vendored", () => {
    expect(libDownloadUrl(list[0]!, null, url)).toBe(list[0]!.model_lib);
    expect(libDownloadUrl(list[0]!, {}, url)).toBe(list[0]!.model_lib);
  });
  it('reads the packaged copy of a vendored library, and only for that model', () => {
    const vendored = { A: { file: 'A-webgpu.wasm', sha256: 'h', source: list[0]!.model_lib } };
    expect(libDownloadUrl(list[0]!, vendored, url)).toBe('chrome-extension://id/webllm-libs/A-webgpu.wasm');
    expect(libDownloadUrl(list[1]!, vendored, url)).toBe(list[1]!.model_lib);
  });
  it('ignores a vendored library built for another version of the model', () => {
    expect(libDownloadUrl(list[0]!, { A: { file: 'A-webgpu.wasm', sha256: 'h', source: 'https://old/A.wasm' } }, url)).toBe(list[0]!.model_lib);
  });
});

describe('configWithLib', () => {
  it('hands WebLLM the one model with its library at the verified address, everything else as WebLLM listed it', () => {
    expect(configWithLib(list[1]!, 'blob:chrome-extension://id/1')).toEqual({ model_list: [{ ...list[1], model_lib: 'blob:chrome-extension://id/1' }] });
  });
});
