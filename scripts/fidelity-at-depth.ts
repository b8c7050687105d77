/**
 * Numerical fidelity at depth (issue 24): how far Hearth's engine and native llama.cpp each are from an f32 reference
 * over the same quantized weights, on random-weight models of the curated shapes at full depth. Run by hand (minutes
 * per model; node-llama-cpp from ~/.cache/hearth/native, installed there if missing):
 *   nice -n 10 npx vite-node scripts/fidelity-at-depth.ts -- [--shapes smollm2-360m,qwen2.5-0.5b] [--quants q8_0,q4_0,q4_k_m]
 *     [--layers 12] [--prompt 16] [--steps 96] [--scale 6] [--seed 7] [--out FILE.md]
 *     [--runners native,native-f16,native-f32,engine,engine-f16,engine-twin,js-q8]
 * For each shape × quantization it writes (in /tmp, deleted after) the quantized GGUF and its F32 twin holding the
 * dequantized values of the very same quants (testkit/models/sized-gguf.ts, `dequantized`). The reference is native on
 * the F32 twin with an F32 KV cache and no flash attention: plain float arithmetic throughout. It reads a fixed prompt
 * and continues greedily; every other runner is forced along those tokens (prompt as one batch, then one token per
 * call, as generation does) and compared at each position: KL(ref ‖ runner) over the whole vocabulary and whether its
 * top token is the reference's (testkit/cpu-engine/fidelity.ts). Runners: native on the quantized file (its default:
 * flash attention with an F16 KV cache; no flash attention with F16, and with F32), the engine on it (its default F32 KV cache, and F16), and the engine on the F32 twin.
 * `--scale` multiplies the logits (output_norm.weight): random weights give near-flat distributions otherwise.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { NATIVE_DIR, NATIVE_VERSION, loadNodeLlamaCpp } from '../bench/native';
import { makeSizedGguf, SIZED_SHAPES, type SizedQuant, type SizedShapeName } from '../testkit/models/sized-gguf';
import { argmax, comparePosition, entropy, summarize, type FidelitySummary } from '../testkit/cpu-engine/fidelity';
import { createQ8ActivationKernels, runEngine, runNative, type NativeLlama, type Run } from '../testkit/cpu-engine/fidelity-runners';

const args = process.argv.slice(2).filter((a) => a !== '--');
const opt = (k: string, d: string) => { const i = args.indexOf(k); return i >= 0 ? args[i + 1]! : d; };
const shapes = opt('--shapes', 'smollm2-360m,qwen2.5-0.5b').split(',') as SizedShapeName[];
const quants = opt('--quants', 'q8_0,q4_0,q4_k_m').split(',') as SizedQuant[];
const layerCut = args.includes('--layers') ? Number(opt('--layers', '0')) : undefined;
const promptLength = Number(opt('--prompt', '16'));
const steps = Number(opt('--steps', '96'));
const scale = Number(opt('--scale', '6'));
const out = opt('--out', '');
const seed = Number(opt('--seed', '7'));
const only = args.includes('--runners') ? opt('--runners', '').split(',') : null;
const bucket = Math.ceil(steps / 4);

const lib = await loadNodeLlamaCpp();
if ('unavailable' in lib) throw new Error(lib.unavailable);
const { getLlama } = (await import(createRequire(`${NATIVE_DIR}/node_modules/`).resolve('node-llama-cpp'))) as { getLlama(o: object): Promise<NativeLlama> };
const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });

interface Row { shape: string; layers: number; quant: string; runner: string; s: FidelitySummary | null; note?: string }
const rows: Row[] = [];
const refNotes: string[] = [];

async function compare(shape: SizedShapeName, quant: SizedQuant) {
  const tag = `/tmp/hearth-fidelity-${process.pid}`;
  const q = makeSizedGguf({ out: `${tag}-q.gguf`, shape, quant, layers: layerCut, seed, outputNormScale: scale });
  makeSizedGguf({ out: `${tag}-f32.gguf`, shape, quant, layers: layerCut, seed, outputNormScale: scale, dequantized: true });
  const vocab = SIZED_SHAPES[shape].vocab;
  // Ordinary tokens spread over the vocabulary (past the control and byte tokens), fixed for every run.
  const prompt = Array.from({ length: promptLength }, (_, i) => 300 + ((i * 7919) % (vocab - 400)));
  try {
    const ref = await runNative(llama, `${tag}-f32.gguf`, vocab, prompt, null, steps, { kv: 'F32', flashAttention: false });
    const forced = ref.tokens.slice(promptLength);
    const h = ref.logProbs.map(entropy), pTop = ref.logProbs.map((lp) => Math.exp(lp[argmax(lp)]!));
    refNotes.push(`${shape} ${q.layers} layers ${quant}: reference entropy mean ${mean(h).toFixed(2)} nats, top-token probability mean ${mean(pTop).toFixed(2)}`);
    const runners: [string, string, () => Promise<Run>][] = [
      // node-llama-cpp's default turns flash attention on here, and llama.cpp then casts an F32 cache to F16 anyway.
      ['native', 'native (default: flash attention, F16 KV)', () => runNative(llama, `${tag}-q.gguf`, vocab, prompt, forced, steps, { kv: 'F16' })],
      ['native-f16', 'native, no flash attention, F16 KV', () => runNative(llama, `${tag}-q.gguf`, vocab, prompt, forced, steps, { kv: 'F16', flashAttention: false })],
      ['native-f32', 'native, no flash attention, F32 KV', () => runNative(llama, `${tag}-q.gguf`, vocab, prompt, forced, steps, { kv: 'F32', flashAttention: false })],
      ['engine', 'engine, F32 KV (default)', () => runEngine(`${tag}-q.gguf`, prompt, forced, 'f32')],
      ['engine-f16', 'engine, F16 KV', () => runEngine(`${tag}-q.gguf`, prompt, forced, 'f16')],
      ['engine-twin', 'engine on the F32 twin', () => runEngine(`${tag}-f32.gguf`, prompt, forced, 'f32')],
      // Slow, and only for the types the JavaScript kernels read (Q8_0, Q4_0): ask for it with --runners.
      ...(only?.includes('js-q8') ? [['js-q8', 'JS reference, f32 + q8_0-rounded activations only', () => runEngine(`${tag}-q.gguf`, prompt, forced, 'f32', createQ8ActivationKernels)] as [string, string, () => Promise<Run>]] : []),
    ];
    const kept = new Map<string, Run>();
    const add = (runner: string, r: Run | Error, against = ref) => {
      const row: Row = { shape, layers: q.layers, quant: seed === 7 ? quant : `${quant}, seed ${seed}`, runner, s: null };
      if (r instanceof Error) row.note = r.message.split('\n')[0];
      else row.s = summarize(r.logProbs.map((lp, i) => comparePosition(promptLength - 1 + i, against.logProbs[i]!, lp)), bucket);
      rows.push(row);
      console.log(line(row));
    };
    for (const [id, runner, run] of runners) {
      if (only && !only.includes(id)) continue;
      const r = await run().catch((err: Error) => err);
      add(runner, r);
      if (!(r instanceof Error)) kept.set(id, r);
    }
    // The two quantized runs with the same attention arithmetic, against each other rather than the reference: small
    // when they round the same way (their errors shared), about the sum of their KLs to the reference when their errors are unrelated.
    const [n, e] = [kept.get('native-f32'), kept.get('engine')];
    if (n && e) add('engine against native no-FA F32 KV (not the reference)', e, n);
    const j = kept.get('js-q8');
    if (n && j) add('JS q8-activations against native no-FA F32 KV (not the reference)', j, n);
    if (e && j) add('engine against JS q8-activations (not the reference)', e, j);
  } finally {
    rmSync(`${tag}-q.gguf`, { force: true });
    rmSync(`${tag}-f32.gguf`, { force: true });
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const kl = (v: number) => (v < 1e-3 ? v.toExponential(1) : v.toFixed(4));
function line(r: Row) {
  if (!r.s) return `| ${r.shape} | ${r.layers} | ${r.quant} | ${r.runner} | ${r.note} |`;
  const b = r.s.buckets.map(([, , k, t]) => `${kl(k)} / ${Math.round(t * 100)}%`).join(' | ');
  return `| ${r.shape} | ${r.layers} | ${r.quant} | ${r.runner} | ${kl(r.s.meanKl)} | ${kl(r.s.maxKl)} | ${(r.s.top1 * 100).toFixed(1)}% | ${b} |`;
}

for (const shape of shapes) for (const quant of quants) {
  await compare(shape, quant);
  if (out) writeFileSync(out, report()); // after each model: a long run's finished part is kept
}
console.log(`\n${report()}`);
process.exit(0);

function report() {
  const first = rows.find((r) => r.s)?.s;
  const head = `| shape | layers | quant | runner | mean KL | max KL | top-1 | ${first?.buckets.map(([a, b]) => `KL / top-1, positions ${a}–${b}`).join(' | ')} |`;
  const table = [head, head.replace(/[^|]+/g, '---'), ...rows.map(line)].join('\n');
  return `<!-- scripts/fidelity-at-depth.ts ${args.join(' ')}, ${new Date().toISOString()}, node-llama-cpp ${NATIVE_VERSION} -->\n${table}\n\n${refNotes.map((n) => `- ${n}`).join('\n')}\n`;
}
