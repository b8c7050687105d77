/** What the start of a GGUF file says about the model (read before downloading it). */
export interface GgufInfo {
  architecture?: string;
  name?: string;
  /** The context the model was trained with (`<architecture>.context_length`). */
  contextLength?: number;
}

// GGUF metadata value types (gguf.md in the ggml repository).
const SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };
const STRING = 8;
const ARRAY = 9;

class OutOfData extends Error {}

/**
 * Read the metadata at the start of a GGUF file: the magic, then key/value pairs, until the architecture, name and
 * context length are known or the bytes run out (large tokenizer arrays usually come after them). Returns null if
 * the bytes are not a GGUF file.
 */
export function readGgufInfo(bytes: Uint8Array): GgufInfo | null {
  if (bytes.length < 4 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'GGUF') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  let at = 4;
  const need = (n: number) => {
    if (at + n > bytes.length) throw new OutOfData();
  };
  const u32 = () => (need(4), (at += 4), view.getUint32(at - 4, true));
  const u64 = () => (need(8), (at += 8), Number(view.getBigUint64(at - 8, true)));
  const str = () => {
    const n = u64();
    need(n);
    at += n;
    return text.decode(bytes.subarray(at - n, at));
  };
  const skip = (type: number) => {
    if (type === STRING) return void str();
    if (type === ARRAY) {
      const inner = u32();
      const count = u64();
      if (inner === STRING) for (let i = 0; i < count; i++) str();
      else if (SIZES[inner] !== undefined) (need(count * SIZES[inner]), (at += count * SIZES[inner]));
      else throw new OutOfData();
      return;
    }
    if (SIZES[type] === undefined) throw new OutOfData(); // an unknown type: stop reading, keep what we have
    need(SIZES[type]);
    at += SIZES[type];
  };
  const info: GgufInfo = {};
  try {
    const version = u32();
    if (version < 2) return info;
    u64(); // tensor count
    const kvCount = u64();
    for (let i = 0; i < kvCount; i++) {
      const key = str();
      const type = u32();
      if (key === 'general.architecture' && type === STRING) info.architecture = str();
      else if (key === 'general.name' && type === STRING) info.name = str();
      else if (info.architecture && key === `${info.architecture}.context_length` && (type === 4 || type === 10)) {
        info.contextLength = type === 4 ? u32() : u64();
      } else skip(type);
      if (info.architecture && info.name && info.contextLength) break;
    }
  } catch (err) {
    if (!(err instanceof OutOfData)) throw err;
  }
  return info;
}
