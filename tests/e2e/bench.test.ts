import { describe, expect, it } from 'vitest';
import { runBench } from '../../bench/main';
import { parseOptions } from '../../bench/options';
import { renderTable } from '../../bench/table';
import type { LlmFigures } from '../../bench/parts/llm';
import { nativeInstalled } from '../../bench/native';

// Native llama.cpp only when it is already installed (~/.cache/hearth/native): a test never downloads it.
const native = nativeInstalled();
if (!native) console.log('bench smoke test: native llama.cpp is not installed in ~/.cache/hearth/native; its row is skipped (npm run bench installs it).');

// Keeps `npm run bench` from rotting: one short run of every part that exists. Figures are checked to be real
// numbers, never against thresholds (speed is measured by the bench, not by tests).
describe('npm run bench (smoke)', () => {
  it('runs every available part and reports finite figures', async () => {
    const o = parseOptions(['llm', 'messaging', 'memory', 'pose', 'summarize', '--runs', '2', '--max-tokens', '8', '--backend', 'wasm', '--pose-model', 'lightning', ...(native ? [] : ['--no-native'])]);
    const r = await runBench(o);
    const llm = r.llm as LlmFigures;
    expect(llm.textMatchesExpected).toBe(true);
    expect(llm.text).toBe(' four five six seven eight nine ten eleven');
    // The first plain page is Hearth's own CPU engine, bare: the engine the extension ran (wasm kernels in both).
    expect(llm.plainPage).toBe('plain:hearth-cpu');
    expect(llm.plainTextMatches).toBe(true);
    expect(llm.plainUnavailable).toBeUndefined();
    expect(Object.keys(llm.engines)).toEqual(['extension', 'plain:hearth-cpu', 'plain:wllama', ...(native ? ['native'] : [])]);
    expect(llm.engines.extension!.label).toBe('extension (Hearth, its CPU engine, wasm-relaxed kernels)'); // Chrome 114+ runs relaxed SIMD
    for (const f of Object.values(llm.engines)) expect(f.text).toBe(llm.text);
    if (native) {
      expect(llm.nativeTextMatches).toBe(true);
      expect(llm.engines.native!.decodeTokensPerSec.median).toBeGreaterThan(0);
      expect(Number.isFinite(llm.ratios['plain:wllama/native']!.decode)).toBe(true);
      expect(Number.isFinite(llm.ratios['plain:hearth-cpu/native']!.decode)).toBe(true);
    } else expect(llm.nativeUnavailable).toBe('skipped (--no-native)');
    // Run 2's prompt starts with "2", not "1": the plain pages read it again (all but BOS and the leading space).
    for (const name of ['plain:hearth-cpu', 'plain:wllama']) {
      expect(llm.engines[name]!.prefillPromptTokens.min, name).toBeGreaterThanOrEqual(4);
      expect(llm.engines[name]!.prefillTokensPerSec.median, name).toBeGreaterThan(0);
      expect(llm.engines[name]!.decodeTokensPerSec.median, name).toBeGreaterThan(0);
    }
    expect(llm.prefillPromptTokens).toBeGreaterThanOrEqual(4);
    for (const k of ['decodeTokensPerSec', 'plainPageDecodeTokensPerSec', 'ttftMs', 'plainPageTtftMs', 'loadMs'] as const) {
      expect(Number.isFinite(llm[k]) && llm[k] > 0, k).toBe(true);
    }
    const messaging = r.messaging as Record<string, Record<string, { median: number }>>;
    expect(Object.keys(messaging)).toHaveLength(3);
    for (const sizes of Object.values(messaging)) for (const s of Object.values(sizes)) expect(s.median).toBeGreaterThan(0);
    const memory = r.memory as { heapAfterLoadMb: number; heapAfter100RequestsMb: number };
    expect(memory.heapAfterLoadMb).toBeGreaterThan(0);
    expect(Number.isFinite(memory.heapAfter100RequestsMb)).toBe(true);
    const pose = r.pose as Record<string, { fps: number; plainPageFps: number; meanErrorPx: number; within60: number }>;
    expect(Object.keys(pose)).toEqual(['wasm']);
    expect(pose.wasm!.fps).toBeGreaterThan(0);
    expect(pose.wasm!.plainPageFps).toBeGreaterThan(0);
    // Keypoints within 60 px of the reference over the run's frames: MoveNet may put one of thousands further out.
    expect(pose.wasm!.within60).toBeGreaterThanOrEqual(0.99);
    expect(renderTable(r)).toContain('| wllama in a plain page (old engine) |');
    expect(renderTable(r)).toContain('| extension ÷ plain:wllama |');
    expect(renderTable(r)).toContain('| Hearth CPU engine in a plain page |');
    expect(renderTable(r)).toContain('| extension ÷ plain:hearth-cpu |');
    expect(renderTable(r)).toContain('| plain:hearth-cpu ÷ plain:wllama |');
    expect(renderTable(r)).toContain('| wasm |');
    const sum = r.summarize as Record<string, { firstTokenMs: { median: number } }>;
    expect(Object.keys(sum)).toEqual(['selection 1KB', 'selection 100KB', 'selection 1MB', 'page 1MB']);
    for (const f of Object.values(sum)) expect(f.firstTokenMs.median).toBeGreaterThan(0);
  }, 900_000); // every part, Chromium started several times: ~2 min quiet, over 3 min on two busy cores

  it('rejects unknown arguments with the list of parts', () => {
    expect(() => parseOptions(['gpu'])).toThrow(/Unknown argument "gpu". Parts: llm, pose, messaging, summarize, memory/);
  });
});
