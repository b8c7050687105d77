// Native llama.cpp (node-llama-cpp's prebuilt linux-x64 binary) as the physical reference: the same GGUF, prompt,
// context, batch and threads as the browser engines. Installed on demand into a cache folder, never a project
// dependency: the binary is ~80 MB and only the bench needs it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism, homedir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchEngine, EngineRun, LoadSettings } from './llm-engines';

export const NATIVE_VERSION = '3.21.1';
export const NATIVE_DIR = join(homedir(), '.cache/hearth/native');

/** The slice of node-llama-cpp the bench uses. */
interface NodeLlamaCpp {
  getLlama(o: { gpu: false; build: 'never'; logLevel: string }): Promise<{
    loadModel(o: { modelPath: string }): Promise<NativeModel>;
  }>;
}
interface NativeModel {
  tokenize(text: string): number[];
  detokenize(tokens: number[], specialTokens?: boolean, lastTokens?: number[]): string;
  isEogToken(t: number): boolean;
  readonly tokens: { bos: number | null; shouldPrependBosToken: boolean };
  createContext(o: { contextSize: number; threads: number; batchSize: number }): Promise<{ getSequence(): NativeSequence; dispose(): Promise<void> }>;
  dispose(): Promise<void>;
}

interface NativeSequence {
  clearHistory(): Promise<void>;
  evaluate(tokens: number[], o: { temperature: 0 }): AsyncIterable<number>;
}

/** Whether node-llama-cpp is already in the cache folder (tests use native only then: they never download it). */
export const nativeInstalled = (dir = NATIVE_DIR) => installed(dir);

const installed = (dir: string) => {
  const pkg = join(dir, 'node_modules/node-llama-cpp/package.json');
  return existsSync(pkg) && existsSync(join(dir, 'node_modules/@node-llama-cpp/linux-x64')) && JSON.parse(readFileSync(pkg, 'utf8')).version === NATIVE_VERSION;
};

/** node-llama-cpp, installed into `dir` if missing; or why it is not available. */
export async function loadNodeLlamaCpp(dir = NATIVE_DIR, log = (s: string) => console.error(s)): Promise<NodeLlamaCpp | { unavailable: string }> {
  if (`${process.platform}-${process.arch}` !== 'linux-x64') return { unavailable: `no prebuilt llama.cpp is set up for ${process.platform}-${process.arch}` };
  if (!installed(dir)) {
    log(`Installing node-llama-cpp@${NATIVE_VERSION} into ${dir} (once; about 80 MB from npm)…`);
    try {
      mkdirSync(dir, { recursive: true });
      execFileSync('npm', ['install', '--prefix', dir, '--omit=optional', '--no-audit', '--no-fund', '--no-save', `node-llama-cpp@${NATIVE_VERSION}`, `@node-llama-cpp/linux-x64@${NATIVE_VERSION}`], { stdio: 'ignore', timeout: 300_000 });
    } catch (err) {
      return { unavailable: `node-llama-cpp could not be installed (${(err as Error).message.split('\n')[0]})` };
    }
    if (!installed(dir)) return { unavailable: 'node-llama-cpp was installed but its linux-x64 binary is missing' };
  }
  return (await import(pathToFileURL(join(dir, 'node_modules/node-llama-cpp/dist/index.js')).href)) as NodeLlamaCpp;
}

/** Native llama.cpp on a local GGUF file, greedy, with the KV cache cleared before each prompt. */
export function createNativeEngine(lib: NodeLlamaCpp, modelPath: string): BenchEngine {
  let model: NativeModel | null = null;
  let context: Awaited<ReturnType<NativeModel['createContext']>> | null = null;
  let sequence: NativeSequence | null = null;
  return {
    name: 'native',
    label: `native llama.cpp (node-llama-cpp ${NATIVE_VERSION})`,
    async load(s: LoadSettings) {
      const t0 = performance.now();
      const llama = await lib.getLlama({ gpu: false, build: 'never', logLevel: 'error' });
      model = await llama.loadModel({ modelPath });
      // node-llama-cpp's default is all cores; without --threads, use wllama's rule (half the cores) for a fair match.
      const threads = s.threads ?? Math.max(1, Math.floor(availableParallelism() / 2));
      context = await model.createContext({ contextSize: s.contextTokens, threads, batchSize: s.batchTokens });
      sequence = context.getSequence(); // a context has one sequence: take it once, clear it per prompt
      return { loadMs: performance.now() - t0 };
    },
    async generate(prompt, maxTokens): Promise<EngineRun> {
      const m = model!;
      await sequence!.clearHistory();
      const input = m.tokenize(prompt);
      if (m.tokens.shouldPrependBosToken && m.tokens.bos !== null) input.unshift(m.tokens.bos);
      const out: number[] = [];
      const t0 = performance.now();
      let first = 0;
      for await (const token of sequence!.evaluate(input, { temperature: 0 })) {
        if (out.length === 0) first = performance.now();
        if (m.isEogToken(token)) break;
        out.push(token);
        if (out.length >= maxTokens) break;
      }
      const end = performance.now();
      return {
        text: m.detokenize(out, false, input), // after the prompt, so a leading space is kept as the browser engines keep it
        ttftMs: first - t0,
        promptTokens: input.length,
        prefillTokensPerSec: input.length / ((first - t0) / 1000),
        decodeTokensPerSec: out.length > 1 ? (out.length - 1) / ((end - first) / 1000) : null,
      };
    },
    async close() {
      await context?.dispose();
      await model?.dispose();
    },
  };
}
