// `npm run bench -- [part...] [options]`: see USAGE in ./options.ts and docs/BENCHMARKS.md.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { EXTENSION_DIR } from '../testkit/browser/launch';
import { parseOptions } from './options';
import { runBench } from './main';
import { printTable } from './table';

const o = parseOptions(process.argv.slice(2));
if (!existsSync(`${EXTENSION_DIR}/manifest.json`)) execSync('npx wxt build', { stdio: 'inherit' });
runBench(o).then(
  (r) => (o.json ? console.log(JSON.stringify(r, null, 2)) : printTable(r)),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
