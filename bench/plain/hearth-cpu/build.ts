// Bundles entry.ts for the plain page with Vite's JS API (the engine uses `?worker` and `?url` imports, so it cannot be
// served as raw modules). The output is kept in the temp folder, one per checkout (node_modules is shared between
// worktrees), and rebuilt only when a source file changed.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
/** Everything the bundle can import from: the engine, its messages and errors, and this folder. */
const SOURCES = ['lib/llm', 'lib/messaging', 'bench/plain/hearth-cpu'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Build (or reuse) the page's bundle, served under `base`. Returns URL path → file for every output file; the entry is
 * `${base}entry.js`.
 */
export async function buildHearthCpuPage(base = '/hearth-cpu/', outDir = join(tmpdir(), `hearth-bench-cpu-${createHash('sha256').update(ROOT).digest('hex').slice(0, 12)}`)): Promise<Record<string, string>> {
  const stamp = join(outDir, '.stamp');
  const version = String(Math.max(...SOURCES.map((d) => newestMtime(resolve(ROOT, d)))));
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== version) {
    const { build } = await import('vite');
    await build({
      configFile: false,
      root: ROOT,
      base,
      logLevel: 'warn',
      publicDir: false,
      // The extension's bundles are built for the same target (wxt.config.ts); workers keep Vite's default format as
      // they do there.
      build: {
        outDir,
        emptyOutDir: true,
        target: 'es2022',
        minify: true,
        modulePreload: false,
        reportCompressedSize: false,
        rollupOptions: { input: resolve(import.meta.dirname, 'entry.ts'), output: { entryFileNames: 'entry.js' } },
      },
    });
    writeFileSync(stamp, version);
  }
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name !== '.stamp') files[base + relative(outDir, path).split('\\').join('/')] = path;
    }
  };
  walk(outDir);
  return files;
}
