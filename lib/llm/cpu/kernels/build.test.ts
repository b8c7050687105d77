import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readKernelsWasm } from './node-kernels';

const script = fileURLToPath(new URL('../../../../scripts/build-kernels.sh', import.meta.url));
const hasClang = spawnSync('clang', ['--version']).status === 0 && spawnSync('wasm-ld', ['--version']).status === 0;

describe('kernels.wasm', () => {
  it('exports what wasm-kernels.ts calls and imports only the shared memory', () => {
    const m = new WebAssembly.Module(readKernelsWasm());
    const names = WebAssembly.Module.exports(m).map((e) => e.name);
    for (const n of ['__heap_base', '__stack_pointer', 'repack_rows', 'quantize_act', 'run_job', 'get_row', 'rms_norm', 'rope_apply', 'silu_mul'])
      expect(names).toContain(n);
    expect(WebAssembly.Module.imports(m)).toEqual([{ module: 'env', name: 'memory', kind: 'memory' }]);
  });

  it(hasClang ? 'is up to date with the C sources (rebuilt with clang)' : 'is up to date (clang absent: not rebuilt here)', { timeout: 120_000 }, () => {
    if (!hasClang) return;
    const dir = mkdtempSync(join(tmpdir(), 'kernels-'));
    try {
      const out = join(dir, 'kernels.wasm');
      const r = spawnSync('sh', [script, out], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(Buffer.compare(readFileSync(out), Buffer.from(readKernelsWasm()))).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
