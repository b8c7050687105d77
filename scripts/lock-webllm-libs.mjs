// Fills webllm-libs.lock.json: downloads the WebGPU library (.wasm, executable code) of each curated WebLLM model
// from the address WebLLM's catalogue names (a moving GitHub branch) and records its SHA-256 and size. Hearth runs a
// library only if its bytes match this lock (lib/llm/webllm-libs.ts); the release build vendors the same files
// (scripts/vendor-webllm-libs.mjs). Needs internet access to raw.githubusercontent.com.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HELP = `Usage: npm run lock:webllm-libs -- [--base URL] [--accept-changes] [--lock FILE]

Downloads the WebGPU library of every curated WebLLM model (lib/llm/models.ts) from the address in
@mlc-ai/web-llm's prebuiltAppConfig and writes its SHA-256 (base64) and size to webllm-libs.lock.json.
Review the diff and commit it: the lock is what Hearth will run, and nothing else.

Needs internet access to raw.githubusercontent.com (the machine Hearth is developed on has none: run it where
there is). A library whose bytes changed since the last lock (the branch moved) is refused unless
--accept-changes is given; check why it changed first.

  --base URL          read the files from URL/<file name> instead (a mirror); the lock still names WebLLM's address
  --accept-changes    overwrite entries whose hash changed
  --lock FILE         the lock to write (default: webllm-libs.lock.json)`;

/** The WebLLM catalogue entry of each model id. */
export async function catalogueRecords(modelIds, prebuilt) {
  const list = (prebuilt ?? (await import('@mlc-ai/web-llm')).prebuiltAppConfig).model_list;
  return modelIds.map((id) => {
    const record = list.find((m) => m.model_id === id);
    if (!record) throw new Error(`WebLLM has no prebuilt model "${id}"`);
    return record;
  });
}

/** Download one library (from `base` when given) and hash it as the lock does: SHA-256 in base64, and its size. */
export async function fetchLib(libUrl, { base, fetchImpl = fetch } = {}) {
  const file = basename(new URL(libUrl).pathname);
  const url = base ? new URL(file, base).href : libUrl;
  const response = await fetchImpl(url).catch((err) => {
    throw new Error(`Could not download ${url}: ${err.cause?.code ?? err.message} (is ${new URL(url).host} reachable from here?)`);
  });
  if (!response.ok) throw new Error(`Could not download ${url}: HTTP ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  return { file, bytes, sha256: createHash('sha256').update(bytes).digest('base64'), size: bytes.length };
}

/**
 * Write the lock for `modelIds`: exactly one entry per model, keyed by WebLLM's library URL. Returns the lock.
 * @param {{ modelIds: string[], lockPath: string, base?: string, fetchImpl?: typeof fetch, acceptChanges?: boolean,
 *           prebuilt?: { model_list: Array<{ model_id: string, model_lib: string }> }, log?: (line: string) => void }} o
 */
export async function lockWebLlmLibs({ modelIds, lockPath, base, fetchImpl, acceptChanges = false, prebuilt, log = console.log }) {
  const old = existsSync(lockPath) ? JSON.parse(readFileSync(lockPath, 'utf8')) : {};
  const lock = {};
  for (const record of await catalogueRecords(modelIds, prebuilt)) {
    const { file, sha256, size } = await fetchLib(record.model_lib, { base, fetchImpl });
    const before = old[record.model_lib];
    if (before && before.sha256 !== sha256 && !acceptChanges) {
      throw new Error(`${file} changed since it was locked (sha256-${before.sha256} → sha256-${sha256}). Find out why, then run again with --accept-changes.`);
    }
    lock[record.model_lib] = { model_id: record.model_id, sha256, size };
    log(`[webllm-libs] ${before?.sha256 === sha256 ? 'unchanged' : before ? 'CHANGED' : 'pinned'} ${file} sha256-${sha256} (${size} bytes)`);
  }
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  return lock;
}

async function main(args) {
  const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const { CURATED_MODELS } = await import('../lib/llm/models.ts');
  await lockWebLlmLibs({
    modelIds: CURATED_MODELS.filter((m) => m.engine === 'webllm').map((m) => m.source),
    lockPath: resolve(value('--lock') ?? 'webllm-libs.lock.json'),
    base: value('--base'),
    acceptChanges: args.includes('--accept-changes'),
  });
}

// `node scripts/lock-webllm-libs.mjs` runs itself again under vite-node, which can read the TypeScript catalogue.
const self = fileURLToPath(import.meta.url);
if (process.argv[1] && resolve(process.argv[1]) === self) {
  if (process.argv.includes('--help') || process.argv.includes('-h')) console.log(HELP);
  else {
    const viteNode = join(dirname(createRequire(import.meta.url).resolve('vite-node/package.json')), 'vite-node.mjs');
    const env = { ...process.env, HEARTH_LOCK_WEBLLM_LIBS: '1' };
    process.exitCode = spawnSync(process.execPath, [viteNode, self, '--', ...process.argv.slice(2)], { stdio: 'inherit', env }).status ?? 1;
  }
} else if (process.env.HEARTH_LOCK_WEBLLM_LIBS === '1') {
  await main(process.argv.slice(2).filter((a) => a !== '--')).catch((err) => {
    console.error(`[webllm-libs] ${err.message}\n\n${HELP}`);
    process.exitCode = 1;
  });
}
