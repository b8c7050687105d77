import { build } from 'esbuild';
import { resolve } from 'node:path';

/**
 * Hearth's TF.js pose runtime (lib/pose/host/tf-runtime.ts) as one ES module for the plain page. The extension
 * bundles it into its pose worker, which a page cannot import; the source, TF.js and the model files are the same.
 */
export async function bundlePoseRuntime(): Promise<Uint8Array> {
  const out = await build({
    entryPoints: [resolve(import.meta.dirname, '../lib/pose/host/tf-runtime.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'error',
    alias: { '@mediapipe/pose': resolve(import.meta.dirname, '../lib/pose/host/mediapipe-stub.ts') },
  });
  return out.outputFiles[0]!.contents;
}
