import { createReadStream, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeTinyLlamaGguf } from '../testkit/models/tiny-llama-gguf';
import { fileRoute, type Route } from '../testkit/browser/server';
import type { BenchOptions } from './options';
import { sizedModelPath } from './sized-model';

const WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
export const ARTICLE_PATH = resolve(import.meta.dirname, '../tests/fixtures/article.txt');

export interface ModelSource {
  /** Served at /model.gguf, unless the model is a remote URL. */
  route?: Route;
  url?: string;
  /** A local file native llama.cpp can open (absent for URLs). */
  path?: string;
  label: string;
  /** The generated counting model's exact greedy answer after a prompt ending in "three". */
  expectedText?: (tokens: number) => string;
}

/** A file streamed from disk (a 400 MB model never sits in one buffer). */
export function pathRoute(path: string): Route {
  return (_req, res) => {
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Length', statSync(path).size);
    createReadStream(path).pipe(res);
  };
}

/**
 * The LLM the bench measures: --model (file or URL), --shape (a sized model, generated once and cached), or by
 * default a generated 25M-parameter counting model (F32, ~100 MB): big enough that decoding does real work, and its
 * greedy answer is known exactly, so the text can be checked.
 */
export function modelSource(o: BenchOptions): ModelSource {
  if (o.model && /^https?:/.test(o.model)) return { url: o.model, label: o.model };
  if (o.model) return { route: pathRoute(o.model), path: o.model, label: o.model };
  if (o.shape) {
    const path = sizedModelPath(o.shape, o.quant, o.layers);
    return { route: pathRoute(path), path, label: `${o.shape} ${o.quant ?? 'default quant'} (random weights)` };
  }
  const bytes = makeTinyLlamaGguf({ loop: true, nEmbd: 512, nLayer: 8, nFf: 1536, nCtx: 4096 });
  const path = join(mkdtempSync(join(tmpdir(), 'hearth-bench-')), 'counting.gguf');
  writeFileSync(path, bytes);
  return {
    route: fileRoute(bytes),
    path,
    label: 'generated counting model (25M, F32)',
    expectedText: (n) => Array.from({ length: n }, (_, i) => ` ${WORDS[(i + 3) % 20]}`).join(''),
  };
}
