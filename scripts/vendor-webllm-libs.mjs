// Build option (HEARTH_VENDOR_WEBLLM=1): put the WebGPU model libraries (.wasm) of Hearth's curated WebLLM models
// inside the package, so the extension loads no code from outside it (what the Chrome Web Store asks). WebLLM
// otherwise fetches them from GitHub at run time. Each file must match its entry in webllm-libs.lock.json (written
// by scripts/lock-webllm-libs.mjs and committed): a file with no entry or other bytes fails the build.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueRecords, fetchLib } from './lock-webllm-libs.mjs';

/**
 * @param {{ modelIds: string[], outDir: string, lockPath: string, base?: string, fetchImpl?: typeof fetch,
 *           prebuilt?: { model_list: Array<{ model_id: string, model_lib: string }> } }} o
 * @returns {Promise<Record<string, { file: string, sha256: string, source: string }>>} the manifest written
 */
export async function vendorWebLlmLibs({ modelIds, outDir, lockPath, base, fetchImpl, prebuilt }) {
  const lock = existsSync(lockPath) ? JSON.parse(readFileSync(lockPath, 'utf8')) : {};
  const manifest = {};
  mkdirSync(outDir, { recursive: true });
  for (const record of await catalogueRecords(modelIds, prebuilt)) {
    const pinned = lock[record.model_lib];
    if (!pinned) {
      throw new Error(`${record.model_lib} has no entry in ${lockPath}: run \`npm run lock:webllm-libs\` (needs internet), review and commit the lock.`);
    }
    const { file, bytes, sha256, size } = await fetchLib(record.model_lib, { base, fetchImpl });
    if (pinned.sha256 !== sha256 || pinned.size !== size) {
      throw new Error(`Integrity check failed for ${file}: expected sha256-${pinned.sha256} (${pinned.size} bytes), got sha256-${sha256} (${size} bytes). Refusing to package it.`);
    }
    writeFileSync(join(outDir, file), bytes);
    manifest[record.model_id] = { file, sha256, source: record.model_lib };
  }
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}
