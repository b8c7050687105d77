/**
 * Writing GGUF v3 (gguf.md in the ggml repository): a header (magic, version, counts, metadata, tensor infos, padding
 * to the alignment), then each tensor's bytes at its aligned offset. Used by the test and bench generators; a
 * header is written into one growing buffer (a 150k-token vocabulary is ~4 MB of it), tensor data can follow it
 * in a stream.
 */
import { GGUF_MAGIC, GgufValueType as V, tensorBytes } from './types';

type Scalar = 'u8' | 'i8' | 'u16' | 'i16' | 'u32' | 'i32' | 'f32' | 'bool' | 'str' | 'u64' | 'i64' | 'f64';
/** A metadata entry: key, type (`'u32'`, `'str'`, or an array of one: `'str[]'`), value. */
export type GgufKv = [key: string, type: Scalar | `${Scalar}[]`, value: unknown];

/** A tensor as the header lists it: `bytes` is the size of its data. */
export interface GgufTensorEntry {
  name: string;
  /** ggml order: dims[0] is the contiguous one. */
  dims: number[];
  type: number;
  bytes: number;
}

const TYPE: Record<Scalar, number> = {
  u8: V.U8, i8: V.I8, u16: V.U16, i16: V.I16, u32: V.U32, i32: V.I32, f32: V.F32, bool: V.BOOL, str: V.STRING,
  u64: V.U64, i64: V.I64, f64: V.F64,
};

function createByteWriter() {
  let buf = new Uint8Array(1 << 16);
  let view = new DataView(buf.buffer);
  let at = 0;
  const text = new TextEncoder();
  const room = (n: number) => {
    if (at + n <= buf.length) return at;
    const bigger = new Uint8Array(Math.max(buf.length * 2, at + n));
    bigger.set(buf.subarray(0, at));
    (buf = bigger), (view = new DataView(buf.buffer));
    return at;
  };
  const put = (n: number, set: (at: number) => void) => (set(room(n)), (at += n));
  const w = {
    u8: (v: number) => put(1, (p) => view.setUint8(p, v)),
    i8: (v: number) => put(1, (p) => view.setInt8(p, v)),
    u16: (v: number) => put(2, (p) => view.setUint16(p, v, true)),
    i16: (v: number) => put(2, (p) => view.setInt16(p, v, true)),
    u32: (v: number) => put(4, (p) => view.setUint32(p, v, true)),
    i32: (v: number) => put(4, (p) => view.setInt32(p, v, true)),
    f32: (v: number) => put(4, (p) => view.setFloat32(p, v, true)),
    u64: (v: number | bigint) => put(8, (p) => view.setBigUint64(p, BigInt(v), true)),
    i64: (v: number | bigint) => put(8, (p) => view.setBigInt64(p, BigInt(v), true)),
    f64: (v: number) => put(8, (p) => view.setFloat64(p, v, true)),
    bool: (v: boolean) => put(1, (p) => view.setUint8(p, v ? 1 : 0)),
    str(s: string) {
      const b = text.encode(s);
      w.u64(b.length);
      put(b.length, (p) => buf.set(b, p));
    },
    bytes: (b: Uint8Array) => put(b.length, (p) => buf.set(b, p)),
    pad: (align: number) => put((align - (at % align)) % align, () => {}),
    get length() {
      return at;
    },
    done: () => buf.slice(0, at),
  };
  return w;
}

/** The header's bytes (padded to `align`), where the data section starts, and each tensor's offset in it. */
export function writeGgufHeader(kv: GgufKv[], tensors: GgufTensorEntry[], align = 32) {
  const w = createByteWriter();
  w.bytes(Uint8Array.from(GGUF_MAGIC));
  w.u32(3);
  w.u64(tensors.length);
  w.u64(kv.length);
  const scalar = (type: Scalar, v: unknown) => (w[type] as (x: unknown) => void)(v);
  for (const [key, type, value] of kv) {
    w.str(key);
    if (type.endsWith('[]')) {
      const el = type.slice(0, -2) as Scalar;
      const items = value as ArrayLike<unknown>;
      w.u32(V.ARRAY), w.u32(TYPE[el]), w.u64(items.length);
      for (let i = 0; i < items.length; i++) scalar(el, items[i]);
    } else {
      w.u32(TYPE[type as Scalar]);
      scalar(type as Scalar, value);
    }
  }
  const offsets: number[] = [];
  let offset = 0;
  for (const t of tensors) {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(t.type);
    w.u64(offset);
    offsets.push(offset);
    offset = Math.ceil((offset + t.bytes) / align) * align;
  }
  w.pad(align);
  return { bytes: w.done(), dataOffset: w.length, offsets };
}

/** A whole GGUF file in memory: the header, then every tensor's `data` at its aligned offset. */
export function writeGguf(kv: GgufKv[], tensors: { name: string; dims: number[]; type: number; data: Uint8Array }[], align = 32): Uint8Array {
  for (const t of tensors) {
    const expected = tensorBytes(t.type, t.dims.reduce((a, b) => a * b, 1));
    if (expected !== t.data.length) throw new RangeError(`${t.name}: ${t.data.length} bytes, its shape and type need ${expected}.`);
  }
  const header = writeGgufHeader(kv, tensors.map((t) => ({ ...t, bytes: t.data.length })), align);
  const last = tensors.length ? header.offsets.at(-1)! + tensors.at(-1)!.data.length : 0;
  const out = new Uint8Array(header.dataOffset + Math.ceil(last / align) * align);
  out.set(header.bytes);
  tensors.forEach((t, i) => out.set(t.data, header.dataOffset + header.offsets[i]!));
  return out;
}
