/**
 * A whole GGUF file's header: every metadata value (arrays included) and every tensor's name, shape, type and where
 * its data starts. The CPU engine reads the header once, then each tensor's bytes (gguf.md in the ggml repository).
 */

export type GgufValue = number | bigint | boolean | string | GgufValue[] | ArrayLike<number>;

export interface GgufTensorInfo {
  name: string;
  /** ggml order: dims[0] is the contiguous one (a matrix's columns), dims[1] its rows. */
  dims: number[];
  /** ggml type number (kernel-api.ts, GgmlType). */
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

/** The bytes given end before the header does: read more of the file and try again. */
export class GgufTruncatedError extends Error {
  constructor(readonly needBytes: number) {
    super(`The GGUF header needs more than ${needBytes} bytes.`);
  }
}

export class GgufFormatError extends Error {}

const U8 = 0, I8 = 1, U16 = 2, I16 = 3, U32 = 4, I32 = 5, F32 = 6, BOOL = 7, STRING = 8, ARRAY = 9, U64 = 10, I64 = 11, F64 = 12;

/** Read the header from the start of a GGUF file. Throws GgufTruncatedError when `bytes` stop too early. */
export function readGgufHeader(bytes: Uint8Array): GgufHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  let at = 0;
  const need = (n: number) => {
    if (at + n > bytes.length) throw new GgufTruncatedError(Math.max(bytes.length * 2, at + n));
  };
  const take = (n: number) => (need(n), (at += n), at - n);
  const u32 = () => view.getUint32(take(4), true);
  const u64 = () => Number(view.getBigUint64(take(8), true));
  const str = () => {
    const n = u64();
    const start = take(n);
    return text.decode(bytes.subarray(start, start + n));
  };
  const scalar = (type: number): GgufValue => {
    switch (type) {
      case U8: return view.getUint8(take(1));
      case I8: return view.getInt8(take(1));
      case U16: return view.getUint16(take(2), true);
      case I16: return view.getInt16(take(2), true);
      case U32: return view.getUint32(take(4), true);
      case I32: return view.getInt32(take(4), true);
      case F32: return view.getFloat32(take(4), true);
      case BOOL: return view.getUint8(take(1)) !== 0;
      case STRING: return str();
      case U64: return view.getBigUint64(take(8), true);
      case I64: return view.getBigInt64(take(8), true);
      case F64: return view.getFloat64(take(8), true);
      default: throw new GgufFormatError(`Unknown GGUF value type ${type}.`);
    }
  };
  const array = (): GgufValue => {
    const inner = u32();
    const count = u64();
    // Large numeric arrays (token scores and types) become typed arrays without a per-element call.
    if (inner === F32 || inner === I32 || inner === U32) {
      const start = take(count * 4);
      const copy = bytes.slice(start, start + count * 4);
      const Ctor = inner === F32 ? Float32Array : inner === I32 ? Int32Array : Uint32Array;
      return new Ctor(copy.buffer, 0, count);
    }
    const out: GgufValue[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = inner === ARRAY ? array() : scalar(inner);
    return out;
  };

  need(4);
  if (text.decode(bytes.subarray(0, 4)) !== 'GGUF') throw new GgufFormatError('This file is not a GGUF model.');
  at = 4;
  const version = u32();
  if (version < 2) throw new GgufFormatError(`GGUF version ${version} is too old.`);
  const tensorCount = u64();
  const kvCount = u64();
  const metadata: Record<string, GgufValue> = {};
  for (let i = 0; i < kvCount; i++) {
    const key = str();
    const type = u32();
    metadata[key] = type === ARRAY ? array() : scalar(type);
  }
  const raw: GgufTensorInfo[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = str();
    const nDims = u32();
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) dims.push(u64());
    const type = u32();
    raw.push({ name, dims, type, offset: u64() });
  }
  const alignment = Number(metadata['general.alignment'] ?? 32);
  const dataOffset = Math.ceil(at / alignment) * alignment;
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
