import { makeTinyLlamaGguf } from '../models/tiny-llama-gguf';
import { useModelHearth } from './use-hearth';

/** A minimal HTML page. */
export const htmlDoc = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

/**
 * For one test file: a local server with the tiny echo model (its answer depends on what it read) and `pages`
 * (path → HTML), and one Hearth browser with that model chosen; both closed after the file. The tiny model's small
 * vocabulary makes about a token per 2 characters: `contextLength` gives room for a page, its summary and a question.
 */
export function useEchoHearth(pages: Record<string, string>, { contextLength = 2048 } = {}): ReturnType<typeof useModelHearth> {
  return useModelHearth(makeTinyLlamaGguf({ echo: true, contextLength }), pages);
}
