// `npm run bench -- [part...] [options]`: see USAGE in ./options.ts and docs/BENCHMARKS.md.
import { execSync } from 'node:child_process';
import { resolve } from 'node:path';
import { EXTENSION_DIR } from '../testkit/browser/launch';
import { BUILD_SOURCES, buildIsStale } from './fresh-build';
import { parseOptions } from './options';
import { runBench } from './main';
import { printTable } from './table';

const o = parseOptions(process.argv.slice(2));
const root = resolve(import.meta.dirname, '..');
if (buildIsStale(`${EXTENSION_DIR}/manifest.json`, BUILD_SOURCES.map((p) => resolve(root, p)))) {
  console.error('The extension build is missing or older than its sources: building it first.');
  execSync('npx wxt build', { stdio: 'inherit', cwd: root });
}
runBench(o).then(
  (r) => (o.json ? console.log(JSON.stringify(r, null, 2)) : printTable(r)),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
