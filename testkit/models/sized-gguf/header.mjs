// GGUF v3 header bytes (gguf.md in the ggml repository): magic, version, counts, metadata, tensor infos, padding to
// the alignment. Written into one growing buffer: a 150k-token vocabulary is ~4 MB of header.

const TYPE = { u32: 4, i32: 5, f32: 6, bool: 7, str: 8, arr: 9 };

function createBuffer() {
  let buf = Buffer.alloc(1 << 20), at = 0;
  const room = (n) => {
    if (at + n <= buf.length) return;
    const bigger = Buffer.alloc(Math.max(buf.length * 2, at + n));
    buf.copy(bigger, 0, 0, at);
    buf = bigger;
  };
  return {
    u32(v) { room(4); buf.writeUInt32LE(v, at); at += 4; },
    i32(v) { room(4); buf.writeInt32LE(v, at); at += 4; },
    u64(v) { room(8); buf.writeBigUInt64LE(BigInt(v), at); at += 8; },
    f32(v) { room(4); buf.writeFloatLE(v, at); at += 4; },
    u8(v) { room(1); buf[at++] = v; },
    str(s) { const n = Buffer.byteLength(s); this.u64(n); room(n); buf.write(s, at, "utf8"); at += n; },
    pad(align) { const n = (align - (at % align)) % align; room(n); at += n; },
    get length() { return at; },
    bytes() { return buf.subarray(0, at); },
  };
}

/**
 * @param kv [key, type, value]: type 'u32' | 'i32' | 'f32' | 'bool' | 'str' | 'str[]' | 'i32[]'
 * @param tensors {name, dims, type, bytes}; each gets `offset` (from the start of the data section)
 * @returns the header's bytes (padded) and where the data section starts
 */
export function createHeaderWriter(kv, tensors, align) {
  const w = createBuffer();
  w.u32(0x46554747); // "GGUF" read as little-endian
  w.u32(3);
  w.u64(tensors.length);
  w.u64(kv.length);
  const scalar = (type, v) => (type === "bool" ? w.u8(v ? 1 : 0) : w[type](v));
  for (const [key, type, value] of kv) {
    w.str(key);
    if (type.endsWith("[]")) {
      const el = type.slice(0, -2);
      w.u32(TYPE.arr); w.u32(TYPE[el]); w.u64(value.length);
      for (const x of value) scalar(el, x);
    } else {
      w.u32(TYPE[type]);
      scalar(type, value);
    }
  }
  let offset = 0;
  for (const t of tensors) {
    w.str(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(t.type);
    w.u64(offset);
    t.offset = offset;
    offset = Math.ceil((offset + t.bytes) / align) * align;
  }
  w.pad(align);
  return { bytes: w.bytes(), dataOffset: w.length };
}
