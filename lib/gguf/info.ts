import { createGgufCursor, GgufFormatError, GgufTruncatedError, readGgufStart } from './cursor';
import { GgufValueType as V, isGguf } from './types';

/** What the start of a GGUF file says about the model (read before downloading it). */
export interface GgufInfo {
  architecture?: string;
  name?: string;
  /** The context the model was trained with (`<architecture>.context_length`). */
  contextLength?: number;
}

/**
 * Read the metadata at the start of a GGUF file: the magic, then key/value pairs, until the architecture, name and
 * context length are known or the bytes run out (large tokenizer arrays usually come after them, and are stepped
 * over, not built). Returns null if the bytes are not a GGUF file; what was read so far if they stop early or hold
 * a value type this reader does not know.
 */
export function readGgufInfo(bytes: Uint8Array): GgufInfo | null {
  if (!isGguf(bytes)) return null;
  const c = createGgufCursor(bytes);
  const info: GgufInfo = {};
  try {
    const { kvCount } = readGgufStart(c, bytes);
    for (let i = 0; i < kvCount; i++) {
      const key = c.str();
      const type = c.u32();
      if (key === 'general.architecture' && type === V.STRING) info.architecture = c.str();
      else if (key === 'general.name' && type === V.STRING) info.name = c.str();
      else if (info.architecture && key === `${info.architecture}.context_length` && (type === V.U32 || type === V.U64)) {
        info.contextLength = type === V.U32 ? c.u32() : c.u64();
      } else c.skip(type);
      if (info.architecture && info.name && info.contextLength) break;
    }
  } catch (err) {
    if (!(err instanceof GgufTruncatedError || err instanceof GgufFormatError)) throw err;
  }
  return info;
}
