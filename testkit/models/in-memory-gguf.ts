import { readGgufHeader, type GgufHeader } from '../../lib/gguf/read';
import type { ReadRange } from '../../lib/llm/cpu/load-model';

/** A GGUF held in memory, read by ranges like a Blob. */
export function inMemoryGguf(bytes: Uint8Array): { header: GgufHeader; read: ReadRange } {
  return { header: readGgufHeader(bytes), read: async (start, end) => bytes.slice(start, end) };
}
