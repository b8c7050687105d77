import { GgufValueType as V, isGguf, VALUE_BYTES } from './types';

/** A metadata value as read: numbers, 64-bit integers as bigint, strings, arrays (large numeric ones typed). */
export type GgufValue = number | bigint | boolean | string | GgufValue[] | ArrayLike<number>;

/** The bytes given end before what was asked for: `needBytes` is how many to try next. */
export class GgufTruncatedError extends Error {
  constructor(readonly needBytes: number) {
    super(`The GGUF header needs more than ${needBytes} bytes.`);
  }
}

export class GgufFormatError extends Error {}

/**
 * Reads GGUF's little-endian fields one after another from `bytes`. Every read checks the bytes are there and
 * throws GgufTruncatedError when they are not, so a caller that holds only the start of a file can stop or ask for more.
 */
export function createGgufCursor(bytes: Uint8Array, at = 0) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = new TextDecoder();
  const take = (n: number) => {
    if (at + n > bytes.length) throw new GgufTruncatedError(Math.max(bytes.length * 2, at + n));
    at += n;
    return at - n;
  };
  const u32 = () => view.getUint32(take(4), true);
  const u64 = () => Number(view.getBigUint64(take(8), true));
  const str = () => {
    const n = u64();
    const start = take(n);
    return text.decode(bytes.subarray(start, start + n));
  };

  function scalar(type: number): GgufValue {
    switch (type) {
      case V.U8: return view.getUint8(take(1));
      case V.I8: return view.getInt8(take(1));
      case V.U16: return view.getUint16(take(2), true);
      case V.I16: return view.getInt16(take(2), true);
      case V.U32: return view.getUint32(take(4), true);
      case V.I32: return view.getInt32(take(4), true);
      case V.F32: return view.getFloat32(take(4), true);
      case V.BOOL: return view.getUint8(take(1)) !== 0;
      case V.STRING: return str();
      case V.U64: return view.getBigUint64(take(8), true);
      case V.I64: return view.getBigInt64(take(8), true);
      case V.F64: return view.getFloat64(take(8), true);
      default: throw new GgufFormatError(`Unknown GGUF value type ${type}.`);
    }
  }

  function array(): GgufValue {
    const inner = u32();
    const count = u64();
    // Large numeric arrays (token scores and types) become typed arrays without a per-element call.
    if (inner === V.F32 || inner === V.I32 || inner === V.U32) {
      const start = take(count * 4);
      const copy = bytes.slice(start, start + count * 4);
      const Ctor = inner === V.F32 ? Float32Array : inner === V.I32 ? Int32Array : Uint32Array;
      return new Ctor(copy.buffer, 0, count);
    }
    const out: GgufValue[] = new Array(count);
    for (let i = 0; i < count; i++) out[i] = inner === V.ARRAY ? array() : scalar(inner);
    return out;
  }

  /** Step over a value of `type` without building it (the popup passes over a whole vocabulary this way). */
  function skip(type: number): void {
    if (type === V.STRING) return void take(u64());
    if (type !== V.ARRAY) return void (VALUE_BYTES[type] === undefined ? scalar(type) : take(VALUE_BYTES[type]));
    const inner = u32();
    const count = u64();
    if (VALUE_BYTES[inner] !== undefined) return void take(count * VALUE_BYTES[inner]);
    for (let i = 0; i < count; i++) skip(inner);
  }

  return {
    u32,
    u64,
    str,
    /** A metadata value of `type`, arrays included. */
    value: (type: number) => (type === V.ARRAY ? array() : scalar(type)),
    skip,
    get at() {
      return at;
    },
  };
}

/** The fixed start of a GGUF file: magic, version, tensor count, metadata count. */
export function readGgufStart(cursor: ReturnType<typeof createGgufCursor>, bytes: Uint8Array) {
  if (bytes.length >= 4 && !isGguf(bytes)) throw new GgufFormatError('This file is not a GGUF model.');
  cursor.u32();
  const version = cursor.u32();
  if (version < 2) throw new GgufFormatError(`GGUF version ${version} is too old.`);
  return { version, tensorCount: cursor.u64(), kvCount: cursor.u64() };
}

