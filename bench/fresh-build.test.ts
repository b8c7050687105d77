import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIsStale, newestMtime } from './fresh-build';

function tree() {
  const root = mkdtempSync(join(tmpdir(), 'fresh-build-'));
  mkdirSync(join(root, 'lib/deep'), { recursive: true });
  mkdirSync(join(root, 'out'));
  const at = (p: string, s: number) => {
    writeFileSync(join(root, p), 'x');
    utimesSync(join(root, p), s, s);
  };
  return { root, at };
}

describe('the bench rebuilds a stale extension', () => {
  it('finds the newest file anywhere under the sources', () => {
    const { root, at } = tree();
    at('lib/a.ts', 1000);
    at('lib/deep/b.c', 3000);
    expect(newestMtime([join(root, 'lib'), join(root, 'missing')])).toBe(3000 * 1000);
  });
  it('is stale when a source is newer than the build, or when there is no build', () => {
    const { root, at } = tree();
    at('lib/deep/b.c', 2000);
    at('out/manifest.json', 3000);
    const src = [join(root, 'lib')];
    expect(buildIsStale(join(root, 'out/manifest.json'), src)).toBe(false);
    at('lib/deep/b.c', 4000);
    expect(buildIsStale(join(root, 'out/manifest.json'), src)).toBe(true);
    expect(buildIsStale(join(root, 'out/none.json'), src)).toBe(true);
  });
});
