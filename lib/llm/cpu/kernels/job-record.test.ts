import { describe, expect, it } from 'vitest';
import { JOB_BYTES, JOB_FIELDS, jobFieldOffsets, writeJob } from './job-record';
import { readKernelsWasm } from './node-kernels';

describe('job records', () => {
  it("name the same fields at the same offsets as the C structs (job_fields())", () => {
    const memory = new WebAssembly.Memory({ initial: 64, maximum: 65536, shared: true });
    const x = new WebAssembly.Instance(new WebAssembly.Module(readKernelsWasm('simd128')), { env: { memory } }).exports as {
      job_fields(): number;
    };
    const ts = jobFieldOffsets();
    const c = [...new Int32Array(memory.buffer, x.job_fields(), ts.length)];
    expect(c).toEqual(ts);
  });

  it('writes each named field into its word, pointers past 2^31 included', () => {
    const words = new Int32Array(JOB_BYTES / 4).fill(-1);
    const args = Object.fromEntries(JOB_FIELDS.attention.map((f, i) => [f, 100 + i])) as Record<(typeof JOB_FIELDS.attention)[number], number>;
    writeJob(words, 'attention', 7, 3, { ...args, scratch: 2 ** 31 + 16 });
    expect([...words.subarray(0, 4)]).toEqual([2, 0, 7, 3]);
    expect(words[4 + JOB_FIELDS.attention.indexOf('nKv')]).toBe(100 + JOB_FIELDS.attention.indexOf('nKv'));
    expect(words[4 + JOB_FIELDS.attention.indexOf('scratch')]! >>> 0).toBe(2 ** 31 + 16);
  });
});
