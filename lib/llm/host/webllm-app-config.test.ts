import { describe, expect, it } from 'vitest';
import { buildWebLlmAppConfig } from './webllm-app-config';

const list = [
  { model: 'https://huggingface.co/a', model_id: 'A', model_lib: 'https://raw.githubusercontent.com/x/A-webgpu.wasm' },
  { model: 'https://huggingface.co/b', model_id: 'B', model_lib: 'https://raw.githubusercontent.com/x/B-webgpu.wasm' },
];
const url = (p: string) => `chrome-extension://id${p}`;

describe('buildWebLlmAppConfig', () => {
  it('uses WebLLM defaults when nothing is vendored', () => {
    expect(buildWebLlmAppConfig(list, null, url)).toBeUndefined();
    expect(buildWebLlmAppConfig(list, {}, url)).toBeUndefined();
  });
  it('points vendored models at the packaged library and leaves the rest alone', () => {
    const config = buildWebLlmAppConfig(list, { A: { file: 'A-webgpu.wasm', sha256: 'h', source: list[0]!.model_lib } }, url)!;
    expect(config.model_list[0]!.model_lib).toBe('chrome-extension://id/webllm-libs/A-webgpu.wasm');
    expect(config.model_list[0]!.model).toBe('https://huggingface.co/a');
    expect(config.model_list[1]).toEqual(list[1]);
  });
  it('ignores a vendored library built for another version of the model', () => {
    const config = buildWebLlmAppConfig(list, { A: { file: 'A-webgpu.wasm', sha256: 'h', source: 'https://old/A.wasm' } }, url)!;
    expect(config.model_list[0]!.model_lib).toBe(list[0]!.model_lib);
  });
});
