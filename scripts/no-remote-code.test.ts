import { describe, expect, it } from 'vitest';
import { blankCdnAddresses, noRemoteCode } from './no-remote-code.mjs';

describe('no remote code', () => {
  it('blanks CDN code addresses in dependencies and leaves model hosts and other code alone', () => {
    const src = 'var C={worker:"https://cdn.jsdelivr.net/npm/@wllama/wllama-compat@3.13.0/wasm/wllama.js",wasm:\'https://unpkg.com/x@1/a.wasm\'};var m="https://huggingface.co/a/b.gguf";';
    expect(blankCdnAddresses(src)).toBe('var C={worker:"",wasm:\'\'};var m="https://huggingface.co/a/b.gguf";');
    expect(blankCdnAddresses('var m="https://huggingface.co/a";')).toBeNull();
    const plugin = noRemoteCode();
    expect(plugin.transform(src, '/work/src/lib/x.ts')).toBeNull();
    expect(plugin.transform(src, '/work/node_modules/@wllama/wllama/esm/index.js')?.code).not.toMatch(/jsdelivr|unpkg/);
  });
});
