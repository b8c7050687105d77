import { describe, expect, it } from 'vitest';
import { parseOptions } from './options';

describe('bench options', () => {
  it('keeps the LLM file and the pose model apart', () => {
    const pose = parseOptions(['pose', '--pose-model', 'thunder']);
    expect(pose).toMatchObject({ parts: ['pose'], poseModel: 'thunder' });
    expect(pose.model).toBeUndefined();
    const llm = parseOptions(['llm', '--model', '/tmp/m.gguf']);
    expect(llm.model).toBe('/tmp/m.gguf');
    expect(llm.poseModel).toBeUndefined();
    expect(() => parseOptions(['pose', '--model', 'lightning'])).toThrow(/use --pose-model lightning/);
    expect(() => parseOptions(['--pose-model', 'huge'])).toThrow(/--pose-model must be one of lightning, thunder, multipose, blazepose/);
  });

  it('reads the sized-model, prompt and thread options', () => {
    const o = parseOptions(['llm', '--shape', 'qwen2.5-0.5b', '--quant', 'q4_0', '--layers', '4', '--threads', '2', '--long', '--no-native']);
    expect(o).toMatchObject({ shape: 'qwen2.5-0.5b', quant: 'q4_0', layers: 4, threads: 2, long: true, native: false });
    expect(() => parseOptions(['--shape', 'gpt-9'])).toThrow(/--shape must be one of smollm2-135m, smollm2-360m, qwen2.5-0.5b, qwen3-0.6b, llama-3.2-1b/);
    expect(() => parseOptions(['--quant', 'q4_0'])).toThrow(/go with --shape/);
    expect(() => parseOptions(['--shape', 'smollm2-135m', '--model', 'x.gguf'])).toThrow(/either --model or --shape/);
    expect(() => parseOptions(['--threads', '0'])).toThrow(/positive number/);
    expect(() => parseOptions(['--model', '--json'])).toThrow(/--model needs a value/);
  });

  it('defaults to every part, 5 runs and native on', () => {
    expect(parseOptions([])).toMatchObject({ parts: ['llm', 'pose', 'messaging', 'summarize', 'memory', 'ask'], runs: 5, native: true, long: false });
  });
});
