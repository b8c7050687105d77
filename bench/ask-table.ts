import { PRIME_WAIT_MS, type AskFigures } from './parts/ask';

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');

/** "Ask about this page": one row per question, with how much of its prompt the KV cache already held. */
export function askTable(a: AskFigures): string[] {
  const out = [
    `Ask about a page — ${a.model}, model warm; Enter → first answer text on screen, ms. Load average (1/5/15 min) ${load(a.loadBefore)} before, ${load(a.loadAfter)} after`,
    '| source | question | first token, ms | engine first token, ms | prompt tokens | reused from the KV cache | read again |',
    '|---|---|---|---|---|---|---|',
    `| plain chat (reference) | "Say hello again." | ${ms(a.plain.firstTokenMs)} | ${ms(a.plain.engineFirstTokenMs)} | ${a.plain.promptTokens} | ${a.plain.reusedTokens} | ${a.plain.promptTokens - a.plain.reusedTokens} |`,
  ];
  for (const [name, c] of Object.entries(a.cases)) {
    c.questions.forEach((q, i) =>
      out.push(`| ${i === 0 ? `${name} (read in ${ms(c.readMs)} ms)` : ''} | ${i + 1}. "${q.question}" | ${ms(q.firstTokenMs)} | ${ms(q.engineFirstTokenMs)} | ${q.promptTokens} | ${q.reusedTokens} | ${q.promptTokens - q.reusedTokens} |`),
    );
  }
  const p = a.primed;
  out.push(
    p
      ? `| page, primed ${PRIME_WAIT_MS / 1000} s before (${p.primedWhole ? 'read whole' : 'still reading'}; fresh cache) | 1. "${p.question}" | ${ms(p.firstTokenMs)} | ${ms(p.engineFirstTokenMs)} | ${p.promptTokens} | ${p.reusedTokens} | ${p.promptTokens - p.reusedTokens} |`
      : '| page, primed | the engine could not prime (llm.prime not accepted) | | | | | |',
  );
  return out;
}
