/**
 * A whole GGUF file's header: every metadata value (arrays included) and every tensor's name, shape, type and where
 * its data starts. The CPU engine reads the header once, then each tensor's bytes (gguf.md in the ggml repository).
 */
import { createGgufCursor, GgufTruncatedError, readGgufStart, type GgufValue } from './cursor';

export { GgufFormatError, GgufTruncatedError, type GgufValue } from './cursor';

export interface GgufTensorInfo {
  name: string;
  /** ggml order: dims[0] is the contiguous one (a matrix's columns), dims[1] its rows. */
  dims: number[];
  /** ggml type number (types.ts, GgmlType). */
  type: number;
  /** Byte offset of the data from the start of the file. */
  offset: number;
}

export interface GgufHeader {
  version: number;
  metadata: Record<string, GgufValue>;
  tensors: GgufTensorInfo[];
  /** Where tensor data begins (aligned); every tensor offset already includes it. */
  dataOffset: number;
}

/** Read the header from the start of a GGUF file. Throws GgufTruncatedError when `bytes` stop too early. */
export function readGgufHeader(bytes: Uint8Array): GgufHeader {
  const c = createGgufCursor(bytes);
  const { version, tensorCount, kvCount } = readGgufStart(c, bytes);
  const metadata: Record<string, GgufValue> = {};
  for (let i = 0; i < kvCount; i++) {
    const key = c.str();
    metadata[key] = c.value(c.u32());
  }
  const raw: GgufTensorInfo[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = c.str();
    const nDims = c.u32();
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) dims.push(c.u64());
    const type = c.u32();
    raw.push({ name, dims, type, offset: c.u64() });
  }
  const alignment = Number(metadata['general.alignment'] ?? 32);
  const dataOffset = Math.ceil(c.at / alignment) * alignment;
  const tensors = raw.map((t) => ({ ...t, offset: t.offset + dataOffset }));
  return { version, metadata, tensors, dataOffset };
}

/** Read the header of a GGUF Blob, fetching more of the file until the header fits. */
export async function readGgufHeaderFromBlob(file: Blob, firstBytes = 4 << 20): Promise<GgufHeader> {
  let size = Math.min(firstBytes, file.size);
  for (;;) {
    const bytes = new Uint8Array(await file.slice(0, size).arrayBuffer());
    try {
      return readGgufHeader(bytes);
    } catch (err) {
      if (!(err instanceof GgufTruncatedError) || size >= file.size) throw err;
      size = Math.min(file.size, Math.max(err.needBytes, size * 2));
    }
  }
}
