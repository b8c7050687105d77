import type { BenchContext } from '../context';
import type { BenchOptions } from '../options';
import { generateInExtension, selectModel } from '../extension';
import { hostStatus } from '../../testkit/browser/popup';

export interface MemoryFigures {
  /** The offscreen host's JS heap after garbage collection, MB. */
  heapAfterLoadMb: number;
  heapAfter100RequestsMb: number;
  growthMb: number;
  requests: number;
}

const mb = (b?: number) => (b ?? Number.NaN) / 2 ** 20;

/** The host's heap once a model is loaded, and after 100 more requests: it must not keep growing. */
export async function runMemory(ctx: BenchContext, _o: BenchOptions): Promise<MemoryFigures> {
  await selectModel(ctx.popup, ctx.tinyUrl);
  await generateInExtension(ctx.popup, 'one two three', 4);
  const before = (await hostStatus(ctx.popup)).memory?.jsHeapUsedBytes;
  const requests = 100;
  for (let i = 0; i < requests; i++) await generateInExtension(ctx.popup, `one two three ${i}`, 4);
  const after = (await hostStatus(ctx.popup)).memory?.jsHeapUsedBytes;
  return { heapAfterLoadMb: mb(before), heapAfter100RequestsMb: mb(after), growthMb: mb(after) - mb(before), requests };
}
