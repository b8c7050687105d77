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

  it('asks for the least: no tabs, no <all_urls> permission, no host permissions at install; a minimum Chrome version', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      permissions?: string[]; host_permissions?: string[]; optional_permissions?: string[]; optional_host_permissions?: string[];
      content_scripts?: unknown[]; minimum_chrome_version?: string; web_accessible_resources?: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
    };
    expect(manifest.permissions).not.toContain('tabs');
    // Notifications only once the user turns the posture watch on: optional, never asked at install.
    expect(manifest.permissions).not.toContain('notifications');
    expect(manifest.optional_permissions).toEqual(['notifications']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts ?? []).toEqual([]); // injected on demand only
    for (const p of [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? []), ...(manifest.optional_host_permissions ?? [])]) {
      expect(p).not.toBe('<all_urls>');
      expect(p).not.toMatch(/^\*:\/\/\*\//);
    }
    // The one <all_urls> is where the overlay's camera view may be framed (not a permission), at its dynamic URL only.
    expect(manifest.web_accessible_resources).toEqual([{ resources: ['pose-view.html'], matches: ['<all_urls>'], use_dynamic_url: true }]);
    expect(Number(manifest.minimum_chrome_version)).toBeGreaterThanOrEqual(116);
  });
});
