// Build option (HEARTH_VENDOR_WEBLLM=1): put the WebGPU model libraries (.wasm) of Hearth's curated WebLLM models
// inside the package, so the extension loads no code from outside it (what the Chrome Web Store asks). WebLLM
// otherwise fetches them from GitHub at run time. Each file's SHA-256 is checked against webllm-libs.lock.json
// (committed): a changed file fails the build; a new one is added to the lock and reported.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * @param {{ modelIds: string[], outDir: string, lockPath: string, base?: string, fetchImpl?: typeof fetch,
 *           prebuilt?: { model_list: Array<{ model_id: string, model_lib: string }> } }} o
 * @returns {Promise<Record<string, { file: string, sha256: string, source: string }>>} the manifest written
 */
export async function vendorWebLlmLibs({ modelIds, outDir, lockPath, base, fetchImpl = fetch, prebuilt }) {
  const list = (prebuilt ?? (await import('@mlc-ai/web-llm')).prebuiltAppConfig).model_list;
  const lock = existsSync(lockPath) ? JSON.parse(readFileSync(lockPath, 'utf8')) : {};
  const manifest = {};
  mkdirSync(outDir, { recursive: true });
  for (const id of modelIds) {
    const record = list.find((m) => m.model_id === id);
    if (!record) throw new Error(`WebLLM has no prebuilt model "${id}"`);
    const file = basename(new URL(record.model_lib).pathname);
    const url = base ? new URL(file, base).href : record.model_lib;
    const response = await fetchImpl(url);
    if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const sha256 = createHash('sha256').update(bytes).digest('base64');
    const pinned = lock[record.model_lib];
    if (pinned && pinned !== sha256) {
      throw new Error(`Integrity check failed for ${file}: expected sha256-${pinned}, got sha256-${sha256}. Refusing to package it.`);
    }
    if (!pinned) {
      lock[record.model_lib] = sha256;
      console.log(`[webllm-libs] pinned new library ${file} sha256-${sha256}`);
    }
    writeFileSync(join(outDir, file), bytes);
    manifest[id] = { file, sha256, source: record.model_lib };
  }
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  return manifest;
}
