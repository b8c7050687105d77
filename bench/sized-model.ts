import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { makeSizedGguf, SIZED_SHAPES, type SizedQuant, type SizedShapeName } from '../testkit/models/sized-gguf';

/** Bump when the generator's output changes, so old cached files are not reused. */
const GENERATOR_VERSION = 2; // 2: Gemma shapes carry Gemma 3's real vocabulary
export const MODELS_DIR = join(homedir(), '.cache/hearth/models');

/**
 * The path of a sized model with these parameters, generated (a few seconds per 400 MB) on first use and cached by
 * parameters. Written to a temporary name first: an interrupted run never leaves a half file under the real name.
 */
export function sizedModelPath(shape: SizedShapeName, quant?: SizedQuant, layers?: number, dir = MODELS_DIR): string {
  const s = SIZED_SHAPES[shape];
  const q = quant ?? s.quant;
  const l = Math.min(layers ?? s.layers, s.layers);
  const path = join(dir, `sized-${shape}-${q}-${l}L-v${GENERATOR_VERSION}.gguf`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  makeSizedGguf({ out: tmp, shape, quant: q, layers: l });
  renameSync(tmp, path);
  return path;
}
