import { describe, expect, it } from 'vitest';
import { readGgufHeader } from './read';
import { readGgufInfo } from './info';
import { GgmlType, isGguf, tensorBytes } from './types';
import { writeGguf, writeGgufHeader, type GgufKv } from './write';

describe('writeGguf', () => {
  const kv: GgufKv[] = [
    ['general.architecture', 'str', 'llama'],
    ['general.name', 'str', 'naïve ✓'],
    ['llama.context_length', 'u32', 4096],
    ['a.i8', 'i8', -5], ['a.u16', 'u16', 65535], ['a.i64', 'i64', -3n], ['a.u64', 'u64', 2n ** 40n],
    ['a.f64', 'f64', 0.1], ['a.f32', 'f32', 0.5], ['a.bool', 'bool', true],
    ['a.strs', 'str[]', ['x', '', 'yz']], ['a.f32s', 'f32[]', [1.5, -2]], ['a.i32s', 'i32[]', [-1, 7]],
  ];
  const q8 = new Uint8Array(34 * 2).map((_, i) => i);
  const f32 = new Uint8Array(new Float32Array([1, 2, 3]).buffer);
  const file = writeGguf(kv, [
    { name: 'w', dims: [64, 1], type: GgmlType.Q8_0, data: q8 },
    { name: 'n', dims: [3], type: GgmlType.F32, data: f32 },
  ]);

  it('writes what the reader reads back: every value type, tensors at aligned offsets with their bytes', () => {
    expect(isGguf(file)).toBe(true);
    const h = readGgufHeader(file);
    expect(h.version).toBe(3);
    expect(h.metadata['general.name']).toBe('naïve ✓');
    expect(h.metadata['a.i8']).toBe(-5);
    expect(h.metadata['a.u16']).toBe(65535);
    expect(h.metadata['a.i64']).toBe(-3n);
    expect(h.metadata['a.u64']).toBe(2n ** 40n);
    expect(h.metadata['a.f64']).toBe(0.1);
    expect(h.metadata['a.bool']).toBe(true);
    expect(h.metadata['a.strs']).toEqual(['x', '', 'yz']);
    expect([...(h.metadata['a.f32s'] as Float32Array)]).toEqual([1.5, -2]);
    expect([...(h.metadata['a.i32s'] as Int32Array)]).toEqual([-1, 7]);
    expect(h.tensors.map((t) => [t.name, t.dims, t.type])).toEqual([['w', [64, 1], GgmlType.Q8_0], ['n', [3], GgmlType.F32]]);
    for (const t of h.tensors) expect(t.offset % 32).toBe(0);
    expect(file.subarray(h.tensors[0]!.offset, h.tensors[0]!.offset + q8.length)).toEqual(q8);
    expect(file.subarray(h.tensors[1]!.offset, h.tensors[1]!.offset + f32.length)).toEqual(f32);
    expect(readGgufInfo(file)).toEqual({ architecture: 'llama', name: 'naïve ✓', contextLength: 4096 });
  });

  it('refuses data whose size does not match its shape and type', () => {
    expect(() => writeGguf([], [{ name: 'w', dims: [64, 1], type: GgmlType.Q8_0, data: new Uint8Array(60) }])).toThrow(/68/);
  });

  it('gives the header alone, with where the data section starts, for writers that stream the tensors', () => {
    const h = writeGgufHeader(kv, [{ name: 'a', dims: [32], type: GgmlType.Q4_0, bytes: 18 }, { name: 'b', dims: [1], type: GgmlType.F32, bytes: 4 }]);
    expect(h.bytes.length).toBe(h.dataOffset);
    expect(h.dataOffset % 32).toBe(0);
    expect(h.offsets).toEqual([0, 32]);
  });
});

describe('tensorBytes', () => {
  it('sizes whole blocks of every known type, and nothing else', () => {
    expect(tensorBytes(GgmlType.Q8_0, 64)).toBe(68);
    expect(tensorBytes(GgmlType.Q4_K, 512)).toBe(288);
    expect(tensorBytes(GgmlType.Q6_K, 512)).toBe(420);
    expect(tensorBytes(GgmlType.BF16, 3)).toBe(6);
    expect(tensorBytes(GgmlType.Q4_0, 30)).toBeUndefined();
    expect(tensorBytes(99, 32)).toBeUndefined();
  });
});
