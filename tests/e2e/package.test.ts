import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EXTENSION_DIR } from '../../testkit/browser/launch';
import { CODE_CDN } from '../../scripts/no-remote-code.mjs';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('the built package', () => {
  const all = files(EXTENSION_DIR).map((f) => relative(EXTENSION_DIR, f));

  it('ships the llama.cpp wasm inside the package and points the engine at it', () => {
    const wasm = all.filter((f) => f.endsWith('.wasm'));
    expect(wasm.some((f) => /wllama.*\.wasm$/.test(f))).toBe(true);
    const offscreenJs = all.filter((f) => f.startsWith('chunks/offscreen')).map((f) => readFileSync(join(EXTENSION_DIR, f), 'utf8')).join('');
    const wllamaFile = wasm.find((f) => f.includes('wllama'))!;
    expect(offscreenJs).toContain(`/${wllamaFile}`);
  });

  it('loads no script from outside the package', () => {
    for (const html of all.filter((f) => f.endsWith('.html'))) {
      const text = readFileSync(join(EXTENSION_DIR, html), 'utf8');
      for (const [, src] of text.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)) expect(src, html).toMatch(/^\//);
    }
    for (const js of all.filter((f) => /\.m?js$/.test(f))) {
      const text = readFileSync(join(EXTENSION_DIR, js), 'utf8');
      expect(text, js).not.toMatch(/importScripts\(\s*["']https?:/);
      expect(text, js).not.toMatch(/import\(\s*["']https?:/);
      // Not even an unused address of code on a CDN (wllama's compat build): store review flags those.
      expect(text.match(CODE_CDN) ?? [], js).toEqual([]);
    }
  });
});
