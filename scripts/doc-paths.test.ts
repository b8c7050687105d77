import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Every path the docs name must exist, so the map in README.md and docs/*.md stays true as files move.
const repo = resolve(__dirname, '..');
const ROOTS = ['lib', 'entrypoints', 'testkit', 'tests', 'bench', 'scripts'];
const PATH = new RegExp(`(?<![\\w./-])(?:${ROOTS.join('|')})/[\\w.@/-]*[\\w/]`, 'g');

/** The paths a Markdown text names (`lib/x/y.ts`, `tests/e2e/`…), without a line-number or query tail. */
function pathsIn(text: string): string[] {
  return [...new Set([...text.matchAll(PATH)].map((m) => m[0].replace(/[.:]+$/, '')))];
}

/** A named path exists as written, or as a module named without its extension (`lib/shell/App`). */
function exists(path: string): boolean {
  if (existsSync(join(repo, path))) return true;
  return ['.ts', '.tsx', '.mjs', '.js'].some((ext) => existsSync(join(repo, path + ext)));
}

const docs = ['README.md', ...readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

describe('paths named in the docs', () => {
  it('reads paths out of prose, code spans and tables', () => {
    expect(pathsIn('see `lib/shell/App.tsx`, tests/e2e/ and (lib/llm/cpu/kernels/matmul.c). Not xlib/a or a/lib/b.')).toEqual([
      'lib/shell/App.tsx',
      'tests/e2e/',
      'lib/llm/cpu/kernels/matmul.c',
    ]);
  });

  for (const doc of docs) {
    it(`all exist: ${doc}`, () => {
      const missing = pathsIn(readFileSync(join(repo, doc), 'utf8')).filter((p) => !exists(p));
      expect(missing).toEqual([]);
    });
  }
});
