import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { fileRoute, startServer, type TestServer } from '../../testkit/browser/server';
import { CURATED_MODELS } from '../../lib/llm/models';
import { readZip } from '../../testkit/browser/zip';
import { lockWebLlmLibs } from '../../scripts/lock-webllm-libs.mjs';

// The Web Store build option: HEARTH_VENDOR_WEBLLM=1 packages WebLLM's model libraries. A local server stands in
// for GitHub (HEARTH_WEBLLM_LIB_BASE) and serves small stand-in files, since the real ones cannot be fetched here.
const ROOT = resolve(import.meta.dirname, '../..');
const curated = CURATED_MODELS.filter((m) => m.engine === 'webllm').map((m) => {
  const lib = prebuiltAppConfig.model_list.find((r) => r.model_id === m.source)!.model_lib;
  const file = lib.split('/').pop()!;
  return { id: m.source, lib, file, body: Buffer.from(`\0asm stand-in for ${file}`) };
});
const sha = (b: Buffer) => createHash('sha256').update(b).digest('base64');

let server: TestServer;
let work: string;
beforeAll(async () => {
  server = await startServer(Object.fromEntries(curated.map((c) => [`/${c.file}`, fileRoute(c.body)])));
  work = mkdtempSync(join(tmpdir(), 'hearth-vendor-'));
});
afterAll(async () => {
  await server?.close();
});

// Asynchronous on purpose: the stand-in server runs in this process and must keep answering during the build.
function build(outDir: string, lock: string) {
  return promisify(execFile)('npx', ['wxt', 'build'], {
    cwd: ROOT,
    env: { ...process.env, HEARTH_VENDOR_WEBLLM: '1', HEARTH_WEBLLM_LIB_BASE: `${server.origin}/`, HEARTH_OUT_DIR: outDir, HEARTH_WEBLLM_LOCK: lock },
  });
}

describe('vendoring WebLLM model libraries (build option)', () => {
  it('packages every curated model library the lock pins, with its hash', async () => {
    const out = join(work, 'ok');
    const lock = join(work, 'lock.json');
    await lockWebLlmLibs({ modelIds: curated.map((c) => c.id), lockPath: lock, base: `${server.origin}/`, log: () => {} });
    await build(out, lock);
    const manifest = JSON.parse(readFileSync(join(out, 'chrome-mv3/webllm-libs/manifest.json'), 'utf8'));
    for (const c of curated) {
      expect(manifest[c.id]).toEqual({ file: c.file, sha256: sha(c.body), source: c.lib });
      expect(readFileSync(join(out, 'chrome-mv3/webllm-libs', c.file))).toEqual(c.body);
    }
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toEqual(Object.fromEntries(curated.map((c) => [c.lib, { model_id: c.id, sha256: sha(c.body), size: c.body.length }])));
    // The build carries the same pins it vendored (lib/llm/webllm-libs.ts reads them at run time).
    const chunksJs = readdirSync(join(out, 'chrome-mv3/chunks')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(out, 'chrome-mv3/chunks', f), 'utf8')).join('');
    for (const c of curated) expect(chunksJs).toContain(sha(c.body));
  });

  it('refuses to package a library whose content changed from the pinned hash', async () => {
    const lock = join(work, 'tampered.json');
    const reviewed = Buffer.from('the reviewed file');
    writeFileSync(lock, JSON.stringify({ [curated[0]!.lib]: { model_id: curated[0]!.id, sha256: sha(reviewed), size: reviewed.length } }));
    let message = '';
    try {
      await build(join(work, 'bad'), lock);
    } catch (err) {
      message = String((err as { stderr?: string; stdout?: string }).stderr) + String((err as { stdout?: string }).stdout);
    }
    expect(message).toMatch(/Integrity check failed for /);
    expect(existsSync(join(work, 'bad/chrome-mv3/webllm-libs/manifest.json'))).toBe(false);
  });

  it('npx wxt zip makes the upload: the built extension and nothing else', async () => {
    const out = join(work, 'zip');
    await promisify(execFile)('npx', ['wxt', 'zip'], { cwd: ROOT, env: { ...process.env, HEARTH_OUT_DIR: out } });
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    const entries = readZip(join(out, `hearth-${version}-chrome.zip`));
    const names = entries.map((e) => e.name);
    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.read().toString('utf8'));
    expect(manifest.name).toMatch(/^Hearth/);
    expect(manifest.manifest_version).toBe(3);
    expect(names.some((n) => /wllama.*\.wasm$/.test(n))).toBe(true); // the engine ships inside
    expect(names).toContain('pose-view.html');
    // Exactly the built files: no sources, tests, maps or dependencies.
    expect(names.filter((n) => /(^|\/)(node_modules|tests|lib|entrypoints)\/|\.(ts|tsx|map)$/.test(n))).toEqual([]);
    const built = readdirSync(join(out, 'chrome-mv3'), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => relative(join(out, 'chrome-mv3'), join(d.parentPath, d.name)));
    expect(names.filter((n) => !n.endsWith('/')).sort()).toEqual(built.sort());
  });

  it('vendors nothing in the default build', () => {
    expect(existsSync(join(ROOT, '.output/chrome-mv3/manifest.json'))).toBe(true);
    expect(existsSync(join(ROOT, '.output/chrome-mv3/webllm-libs'))).toBe(false);
  });
});
