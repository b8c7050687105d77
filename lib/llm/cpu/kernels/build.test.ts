import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readKernelsWasm } from './node-kernels';
import { createWasmKernels, KERNEL_EXPORTS, KernelBuildError } from './wasm-kernels';

const script = fileURLToPath(new URL('../../../../scripts/build-kernels.sh', import.meta.url));
const hasClang = spawnSync('clang-16', ['--version']).status === 0 && spawnSync('wasm-ld-16', ['--version']).status === 0;

describe('kernels.wasm and kernels-relaxed.wasm', () => {
  // Node 20 cannot compile the relaxed build: relaxed-browser.test.ts runs it (same exports) in Chromium.
  it('exports what wasm-kernels.ts calls and imports only the shared memory', () => {
    const m = new WebAssembly.Module(readKernelsWasm('simd128'));
    const names = WebAssembly.Module.exports(m).map((e) => e.name);
    for (const n of KERNEL_EXPORTS) expect(names).toContain(n);
    expect(WebAssembly.Module.imports(m)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
  });

  it('a build that lacks an export the engine calls is refused at once, naming it', async () => {
    const empty = new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    await expect(createWasmKernels({ module: empty, threads: 1, spawnThread: () => { throw new Error('no thread'); } })).rejects.toThrow(
      new KernelBuildError(`the kernels build lacks ${KERNEL_EXPORTS.join(', ')}`),
    );
  });

  it(hasClang ? 'is up to date with the C sources (rebuilt with clang-16)' : 'is up to date (clang absent: not rebuilt here)', { timeout: 120_000 }, () => {
    // CI installs clang-16 (.ci/run), so there the committed builds are always checked against their sources.
    if (!hasClang) return expect(process.env.CI, 'CI must have clang-16 and wasm-ld-16 to check the kernels builds').toBeFalsy();
    const dir = mkdtempSync(join(tmpdir(), 'kernels-'));
    try {
      const r = spawnSync('sh', [script, dir], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(Buffer.compare(readFileSync(join(dir, 'kernels.wasm')), Buffer.from(readKernelsWasm('simd128')))).toBe(0);
      expect(Buffer.compare(readFileSync(join(dir, 'kernels-relaxed.wasm')), Buffer.from(readKernelsWasm('relaxed')))).toBe(0);
      // The record of what built them is the one the build writes (compiler, linker, flags).
      expect(readFileSync(join(dir, 'kernels.build.txt'), 'utf8')).toBe(readFileSync(new URL('./kernels.build.txt', import.meta.url), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
