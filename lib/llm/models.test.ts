import { describe, expect, it } from 'vitest';
import { CURATED_MODELS, createCustomGgufModel, pickDefaultModel, whyModelCannotRun } from './models';
import { BadRequestError } from '../messaging/errors';
import type { BackendChoice } from '../messaging/protocol';
import { SIZED_SHAPES, sizedTensors } from '../../testkit/models/sized-gguf';
import { tensorBytes } from '../gguf/types';
import { layoutOf } from './cpu/kernels/layouts';

const wasm: BackendChoice = { engine: 'cpu', reason: '' };
const gpu = (shaderF16: boolean): BackendChoice => ({
  engine: 'webllm',
  reason: '',
  adapter: { vendor: 'x', architecture: 'y', isFallback: false, shaderF16 },
});

const allPinned = () => true;

describe('model registry', () => {
  it('offers a GGUF model on a CPU-only device and f16 WebLLM only where the GPU has shader-f16', () => {
    expect(pickDefaultModel(wasm, CURATED_MODELS, undefined, allPinned).engine).toBe('cpu');
    expect(pickDefaultModel(gpu(true), CURATED_MODELS, undefined, allPinned).source).toBe('SmolLM2-360M-Instruct-q4f16_1-MLC');
    expect(pickDefaultModel(gpu(false), CURATED_MODELS, undefined, allPinned).source).toBe('SmolLM2-360M-Instruct-q4f32_1-MLC');
  });
  it('falls back to a CPU model, even on a GPU, when the WebGPU libraries are not pinned in this build', () => {
    const onlyF32 = (id: string) => id === 'SmolLM2-360M-Instruct-q4f32_1-MLC';
    expect(pickDefaultModel(gpu(true), CURATED_MODELS, undefined, onlyF32).source).toBe('SmolLM2-360M-Instruct-q4f32_1-MLC');
    expect(pickDefaultModel(gpu(true), CURATED_MODELS, undefined, () => false).engine).toBe('cpu');
  });
  it('says why a model cannot run here', () => {
    const f16 = CURATED_MODELS.find((m) => m.needsShaderF16)!;
    expect(whyModelCannotRun(f16, wasm, allPinned)).toMatch(/WebGPU adapter/);
    expect(whyModelCannotRun(f16, gpu(false), allPinned)).toMatch(/shader-f16/);
    expect(whyModelCannotRun(f16, gpu(true), allPinned)).toBeNull();
    const small = gpu(true);
    small.adapter!.maxStorageBindingMb = 64;
    expect(whyModelCannotRun(f16, small, allPinned)).toMatch(/buffer limits/);
    // An unpinned library is the reason on every device: it runs nowhere in this build.
    expect(whyModelCannotRun(f16, gpu(true), () => false)).toMatch(/not pinned by hash, and Hearth runs no unverified code/);
    expect(whyModelCannotRun(f16, wasm, () => false)).toMatch(/not pinned by hash/);
    expect(whyModelCannotRun(CURATED_MODELS.find((m) => m.engine === 'cpu')!, wasm, () => false)).toBeNull();
  });
  it('has unique ids and absolute https GGUF URLs', () => {
    expect(new Set(CURATED_MODELS.map((m) => m.id)).size).toBe(CURATED_MODELS.length);
    for (const m of CURATED_MODELS.filter((x) => x.engine === 'cpu')) expect(m.source).toMatch(/^https:\/\/.+\.gguf$/);
  });
});

describe('the Gemma 3 entries', () => {
  const byId = (id: string) => CURATED_MODELS.find((m) => m.id === id)!;
  // Tensor data of the real shape at that quantization (testkit/models/sized-gguf.ts); the rest of a file is its
  // header, about 5 MB for Gemma's 262,144-piece vocabulary.
  const tensorData = (shape: 'gemma-3-270m' | 'gemma-3-1b', quant: 'q8_0' | 'q4_k_m') =>
    sizedTensors(SIZED_SHAPES[shape], quant).reduce((n, t) => n + Math.ceil(t.bytes / 32) * 32, 0);

  it.each([
    ['gguf:gemma-3-270m-it-q8_0', 'gemma-3-270m', 'q8_0', /\/ggml-org\/gemma-3-270m-it-GGUF\/resolve\/main\/gemma-3-270m-it-Q8_0\.gguf$/],
    ['gguf:gemma-3-1b-it-q4_k_m', 'gemma-3-1b', 'q4_k_m', /\/ggml-org\/gemma-3-1b-it-GGUF\/resolve\/main\/gemma-3-1b-it-Q4_K_M\.gguf$/],
  ] as const)('%s: an ungated instruct GGUF whose size is its shape at its quantization', (id, shape, quant, url) => {
    const m = byId(id);
    expect(m).toMatchObject({ engine: 'cpu', contextTokens: 4096 });
    expect(m.source).toMatch(url);
    const data = tensorData(shape, quant);
    expect(m.sizeBytes! - data).toBeGreaterThan(3e6);
    expect(m.sizeBytes! - data).toBeLessThan(8e6);
    expect(m.memoryMb! * 1024 * 1024).toBeGreaterThan(data); // the engine holds at least the weights
  });

  it('every quantized matrix of the chosen files is a type the CPU engine reads, in whole blocks', () => {
    for (const [shape, quant] of [['gemma-3-270m', 'q8_0'], ['gemma-3-1b', 'q4_k_m']] as const) {
      for (const t of sizedTensors(SIZED_SHAPES[shape], quant)) {
        expect(layoutOf(t.type), t.name).toBeDefined();
        expect(tensorBytes(t.type, t.dims[0]! * (t.dims[1] ?? 1)), t.name).toBe(t.bytes);
      }
    }
  });
});

describe('createCustomGgufModel', () => {
  it('accepts a GGUF link and names it after the file', () => {
    const m = createCustomGgufModel('  https://example.com/models/My-Model.Q4_K_M.gguf ');
    expect(m).toMatchObject({ engine: 'cpu', custom: true, label: 'My-Model.Q4_K_M', source: 'https://example.com/models/My-Model.Q4_K_M.gguf' });
  });
  it('turns a Hugging Face page link into the file link', () => {
    expect(createCustomGgufModel('https://huggingface.co/a/b/blob/main/x.gguf').source).toBe('https://huggingface.co/a/b/resolve/main/x.gguf');
  });
  it.each(['http://127.0.0.1:8080/x.gguf', 'http://localhost:9/m/x.gguf', 'http://[::1]/x.gguf'])(
    'accepts plain http from this machine only (%s): nothing on the network sits between',
    (input) => expect(createCustomGgufModel(input).source).toBe(input),
  );
  it.each([
    ['', /Paste the address/],
    ['not a url', /not a web address/],
    ['ftp://example.com/x.gguf', /only over https/],
    ['javascript:alert(1)//x.gguf', /only over https/],
    // Plain http can be rewritten by anyone on the network between the user and the server.
    ['http://example.com/x.gguf', /only over https/],
    ['http://192.168.1.5/x.gguf', /only over https/],
    ['http://127.0.0.1.example.com/x.gguf', /only over https/],
    ['https://example.com/model.bin', /not a \.gguf file/],
  ])('refuses %j with a clear message', (input, message) => {
    expect(() => createCustomGgufModel(input)).toThrow(BadRequestError);
    expect(() => createCustomGgufModel(input)).toThrow(message);
  });
});
