import { cpus, totalmem } from 'node:os';
import { execSync } from 'node:child_process';
import { chromiumPath } from '../testkit/browser/launch';
import type { PartName } from './options';
import { createBenchContext, type BenchContext } from './context';
import { runLlm } from './parts/llm';
import { runMessaging } from './parts/messaging';
import { runMemory } from './parts/memory';
import { runPose } from './parts/pose';
import { runSummarize } from './parts/summarize';
import { runAsk } from './parts/ask';
import type { BenchOptions } from './options';

type Part = (ctx: BenchContext, o: BenchOptions) => Promise<unknown>;

/** Parts that exist. The others answer that they are not available yet instead of failing the run. */
const PARTS: Partial<Record<PartName, Part>> = { llm: runLlm, messaging: runMessaging, memory: runMemory, pose: runPose, summarize: runSummarize, ask: runAsk };

export async function runBench(o: BenchOptions): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(totalmem() / 2 ** 30),
      chromium: execSync(`${chromiumPath()} --version`).toString().trim(),
      date: new Date().toISOString(),
      runs: o.runs,
    },
  };
  // The pose part launches its own browser (with the camera): no idle LLM browser beside it to skew its timing.
  const ctx = o.parts.some((p) => p !== 'pose') ? await createBenchContext(o) : null;
  try {
    for (const name of o.parts) {
      const part = PARTS[name];
      result[name] = part ? await part(ctx!, o) : { unavailable: `The ${name} benchmark is not available in this version of Hearth yet.` };
    }
  } finally {
    await ctx?.close();
  }
  return result;
}
