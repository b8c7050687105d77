import type { LlmFigures } from './parts/llm';
import type { MessagingFigures } from './parts/messaging';
import type { MemoryFigures } from './parts/memory';
import type { PoseBackendFigures } from './parts/pose';
import type { SummarizeFigures } from './parts/summarize';
import { fmt } from './stats';
import { askTable } from './ask-table';
import type { AskFigures } from './parts/ask';

const ratio = (r: number) => (Number.isFinite(r) ? `${r.toFixed(2)}×` : 'n/a');

/** One row per engine (extension, bare engines in plain pages, native llama.cpp), then the ratios between them. */
function llmTable(llm: LlmFigures): string[] {
  const s = llm.settings;
  const out = [
    `LLM — ${llm.model}; prompt ${llm.promptChars} chars = ${llm.prefillPromptTokens} tokens read per prefill by ${llm.plainPage ?? 'plain wllama'} (each run's prompt starts with its run number, new to the KV cache); context ${s.contextTokens}, batch ${s.batchTokens}, threads ${s.threads ?? 'engine default'}`,
    '| engine | decode tokens/s | prefill tokens/s | first token, ms | prompt tokens | load, ms |',
    '|---|---|---|---|---|---|',
  ];
  for (const f of Object.values(llm.engines)) {
    out.push(`| ${f.label} | ${fmt(f.decodeTokensPerSec)} | ${fmt(f.prefillTokensPerSec)} | ${fmt(f.ttftMs, 0)} | ${fmt(f.prefillPromptTokens, 0)} | ${f.loadMs.toFixed(0)} |`);
  }
  if (llm.nativeUnavailable) out.push(`Native llama.cpp: not measured: ${llm.nativeUnavailable}.`);
  for (const [name, why] of Object.entries(llm.plainUnavailable ?? {})) out.push(`${name}: not measured: ${why}`);
  out.push('', '| ratio (same run) | decode | prefill | first token (time) |', '|---|---|---|---|');
  for (const [name, q] of Object.entries(llm.ratios)) out.push(`| ${name.replace('/', ' ÷ ')} | ${ratio(q.decode)} | ${ratio(q.prefill)} | ${ratio(q.ttft)} |`);
  const expected = llm.textMatchesExpected === null ? '' : llm.textMatchesExpected ? ' (exactly the expected greedy output)' : ' (NOT the expected output)';
  const native = (llm.nativeTextMatches === null ? '' : llm.nativeTextMatches ? '; native wrote the same' : '; native wrote different text') +
    (llm.plainTextMatches ? `; ${llm.plainPage ?? 'the plain page'} wrote the same` : `; ${llm.plainPage ?? 'the plain page'} wrote different text`);
  out.push(`Text: ${JSON.stringify(llm.text.length > 160 ? `${llm.text.slice(0, 160)}…` : llm.text)}${expected}${native}`);
  return out;
}

/** The bench result as plain-text tables (median, with min–max over the runs). */
export function renderTable(r: Record<string, unknown>): string {
  const out: string[] = [];
  const m = r.machine as { cpus: number; cpuModel: string; memoryGb: number; chromium: string; date: string; runs: number };
  out.push(`Machine: ${m.cpus} cores (${m.cpuModel}), ${m.memoryGb} GB, ${m.chromium}, ${m.date}; ${m.runs} runs per figure`);
  const llm = r.llm as LlmFigures | { unavailable: string } | undefined;
  if (llm && 'engines' in llm) out.push('', ...llmTable(llm));
  else if (llm) out.push('', `LLM: ${llm.unavailable}`);
  const msg = r.messaging as MessagingFigures | undefined;
  if (msg) {
    out.push('', 'Messaging round trips, ms (payload out, small answer back)', '| route | small | 64 KB | 1 MB |', '|---|---|---|---|');
    for (const [route, s] of Object.entries(msg)) out.push(`| ${route} | ${fmt(s.small)} | ${fmt(s['64KB'])} | ${fmt(s['1MB'])} |`);
  }
  const mem = r.memory as MemoryFigures | undefined;
  if (mem) {
    out.push('', 'Memory — offscreen host JS heap after GC', '| after load | after 100 requests | growth |', '|---|---|---|');
    out.push(`| ${mem.heapAfterLoadMb.toFixed(1)} MB | ${mem.heapAfter100RequestsMb.toFixed(1)} MB | ${mem.growthMb.toFixed(2)} MB |`);
  }
  const pose = r.pose as Record<string, PoseBackendFigures> | { unavailable: string } | undefined;
  if (pose && !('unavailable' in pose)) {
    out.push('', 'Pose — MoveNet: the extension’s overlay view (camera → offscreen host’s worker → keypoints over a port → drawn over their own frame) vs the same code naively in a plain page, same browser, same run');
    out.push('Medians over rounds:', '| backend | FPS ext / plain | camera→skeleton ms ext / plain | skeleton behind the preview ms ext / plain | inference ms ext / plain | mean error px | within 60 px | frames |', '|---|---|---|---|---|---|---|---|');
    for (const [name, p] of Object.entries(pose)) {
      out.push(`| ${name}${p.backend !== name ? ` (ran ${p.backend})` : ''} | ${p.fps.toFixed(1)} / ${p.plainPageFps.toFixed(1)} | ${p.latencyMs.toFixed(0)} / ${p.plainPageLatencyMs.toFixed(0)} | ${p.previewLagMs.toFixed(0)} / ${p.plainPagePreviewLagMs.toFixed(0)} | ${p.inferenceMs.toFixed(0)} / ${p.plainPageInferenceMs.toFixed(0)} | ${p.meanErrorPx?.toFixed(1) ?? 'n/a'} | ${p.within60 === null ? 'n/a' : `${(100 * p.within60).toFixed(0)}%`} | ${p.frames} |`);
    }
    for (const [name, p] of Object.entries(pose)) {
      out.push(`${name}, ${p.rounds.length} rounds (median of each round's frames), FPS ext ÷ plain and latency ext − plain per round:`);
      out.push(`  ${p.rounds.map((r) => `${ratio(r.fps / r.plainPageFps)} ${(r.latencyMs - r.plainPageLatencyMs).toFixed(0)} ms (${r.fps.toFixed(1)}/${r.plainPageFps.toFixed(1)} FPS, ${r.latencyMs.toFixed(0)}/${r.plainPageLatencyMs.toFixed(0)} ms)`).join('; ')}`);
    }
  }
  const sum = r.summarize as SummarizeFigures | { unavailable: string } | undefined;
  if (sum && !('unavailable' in sum)) {
    out.push('', 'Summarize — shortcut pressed → first model token in the panel, model warm, ms; the first run\'s timeline: counted and sent, reading from, prompt tokens (reused)',
      '| text | first token | panel on screen (page read) | counted and sent | reading from | prompt tokens (reused) | first token in | first word of the summary itself |', '|---|---|---|---|---|---|---|---|');
    const at = (n: number | undefined) => (n === undefined ? '–' : n.toFixed(0));
    for (const [size, f] of Object.entries(sum)) {
      const t = f.timelines?.[0] ?? {};
      out.push(`| ${size} (${f.chars} chars) | ${fmt(f.firstTokenMs, 0)} | ${fmt(f.panelMs, 0)} | ${at(t.countedMs)} | ${at(t.readingMs)} | ${t.promptTokens ?? '–'} (${t.reusedTokens ?? '–'}) | ${f.firstTokenIn} | ${f.firstSummaryWordMs ? fmt(f.firstSummaryWordMs, 0) : 'n/a'} |`);
    }
  }
  const ask = r.ask as AskFigures | undefined;
  if (ask) out.push('', ...askTable(ask));
  for (const name of ['pose', 'summarize']) {
    const part = r[name] as { unavailable?: string } | undefined;
    if (part?.unavailable) out.push('', `${name}: ${part.unavailable}`);
  }
  return out.join('\n');
}

export const printTable = (r: Record<string, unknown>) => console.log(renderTable(r));
