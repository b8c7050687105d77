/**
 * The bench measures the built extension (.output/chrome-mv3): a build older than the sources would measure code that
 * is no longer there (it once reported the old kernels' speed after a kernel change), so it is rebuilt when any
 * source the build reads is newer.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Newest modification time (ms) of the files under `paths` (files or folders; missing ones are skipped). */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (p: string) => {
    let s;
    try {
      s = statSync(p);
    } catch {
      return;
    }
    if (s.isDirectory()) for (const e of readdirSync(p)) visit(join(p, e));
    else newest = Math.max(newest, s.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** What a build reads, relative to the project root. */
export const BUILD_SOURCES = ['lib', 'entrypoints', 'assets', 'public', 'wxt.config.ts', 'package.json', 'package-lock.json'];

/** Whether the build at `manifest` is missing or older than any of `sources`. */
export function buildIsStale(manifest: string, sources: string[]): boolean {
  const built = newestMtime([manifest]);
  return built === 0 || newestMtime(sources) > built;
}
