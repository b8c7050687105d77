/**
 * Record the engine's oracle from native llama.cpp (node-llama-cpp's prebuilt binary, the bench's copy in
 * ~/.cache/hearth/native, installed there if missing): for each case of testkit/cpu-engine/oracle-cases.ts, the
 * greedy tokens after a fixed prompt and, at every step, the top-k log-probabilities. Run by hand, never in CI:
 *   npx vite-node scripts/make-engine-oracle.ts
 * It writes tests/fixtures/engine-oracle/native-reference.json, which lib/llm/cpu/engine-oracle.test.ts reads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { NATIVE_DIR, NATIVE_VERSION, loadNodeLlamaCpp } from '../bench/native';
import { ORACLE_CASES, ORACLE_PROMPT, ORACLE_STEPS, ORACLE_TOP_K, oracleModel, sha256, type OracleFile, type OracleStep } from '../testkit/cpu-engine/oracle-cases';

interface Sequence {
  evaluateWithMetadata(tokens: number[], metadata: { probabilities: true }, options: { temperature: number }): AsyncGenerator<{ token: number; probabilities: Map<number, number> }>;
}
interface Llama {
  loadModel(o: { modelPath: string }): Promise<{
    createContext(o: { contextSize: number; threads: number; batchSize: number }): Promise<{ getSequence(): Sequence; dispose(): Promise<void> }>;
    dispose(): Promise<void>;
  }>;
}

const lib = await loadNodeLlamaCpp();
if ('unavailable' in lib) throw new Error(lib.unavailable);
const { getLlama } = (await import(createRequire(`${NATIVE_DIR}/node_modules/`).resolve('node-llama-cpp'))) as { getLlama(o: object): Promise<Llama> };
const llama = await getLlama({ gpu: false, build: 'never', logLevel: 'error' });

const out: OracleFile = { native: `node-llama-cpp ${NATIVE_VERSION}`, cases: [] };
const path = `/tmp/hearth-oracle-${process.pid}.gguf`;
for (const c of ORACLE_CASES) {
  const bytes = oracleModel(c);
  writeFileSync(path, bytes);
  const model = await llama.loadModel({ modelPath: path });
  // One thread and one batch for the prompt: the most deterministic run native has.
  const context = await model.createContext({ contextSize: 64, threads: 1, batchSize: 32 });
  const steps: OracleStep[] = [];
  for await (const s of context.getSequence().evaluateWithMetadata(ORACLE_PROMPT, { probabilities: true }, { temperature: 0 })) {
    // Probabilities come most likely first: the softmax of the logits (checked against the engine's at F32).
    const top = [...s.probabilities.entries()].slice(0, ORACLE_TOP_K).map(([t, p]) => [t, Math.round(Math.log(p) * 1e5) / 1e5] as [number, number]);
    steps.push({ token: s.token, top });
    if (steps.length >= ORACLE_STEPS) break;
  }
  await context.dispose();
  await model.dispose();
  out.cases.push({ name: c.name, sha256: sha256(bytes), prompt: ORACLE_PROMPT, steps });
  console.log(`${c.name}: ${steps.map((s) => s.token).join(',')}`);
}
const dir = new URL('../tests/fixtures/engine-oracle/', import.meta.url);
mkdirSync(dir, { recursive: true });
writeFileSync(new URL('native-reference.json', dir), `${JSON.stringify(out, null, 1)}\n`);
process.exit(0);
