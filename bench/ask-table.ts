import type { AskFigures } from './parts/ask';
import { timelineCells } from './ask-chat';

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
/** "Answered at once from the 9 passages read so far and 2 more…" → "part: 9 read + 2 matching of 24". */
const partOf = (notice: string) => {
  const m = /from the (?:(\d+) passages? read so far(?: and (\d+) more)?|(\d+) passages? that match)[^(]*\(of (\d+)\)/.exec(notice);
  return m ? `part: ${m[1] ?? 0} read + ${m[2] ?? m[3] ?? 0} matching of ${m[4]}` : notice;
};
const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');

/** "Ask about a page": one row per question, its timeline from Enter to the first token on screen. */
export function askTable(a: AskFigures): string[] {
  const out = [
    `Ask about a page — ${a.model}, model warm. Load average (1/5/15 min) ${load(a.loadBefore)} before, ${load(a.loadAfter)} after. ` +
      'Timeline of each question, ms from Enter: the question on screen (sources counted in model tokens, prompt built, saved); ' +
      'then waiting until the model reads (host queue, a prime in the way); then the prompt read (tokens not in the cache, in ms, at tokens/s) ' +
      'to the first token on screen.',
    '| source | question | prompt ready | queue wait | prompt read: tokens in ms (tokens/s) | reused tokens | first token | engine first token |',
    '|---|---|---|---|---|---|---|---|',
    `| plain chat (reference) | "Say hello again." | ${timelineCells(a.plain).join(' | ')} |`,
  ];
  for (const [name, c] of Object.entries(a.cases)) {
    const summary = c.summaryPromptTokens ? `, after a summary whose prompt was ${c.summaryPromptTokens} tokens` : '';
    const head = `${name} (page read in ${ms(c.readMs)} ms${c.waitedMs ? `, then ${ms(c.waitedMs / 1000)} s before Enter` : ''}${summary})`;
    c.questions.forEach((q, i) => out.push(`| ${i === 0 ? head : ''} | ${i + 1}. "${q.question}"${q.notice ? ` (${partOf(q.notice)})` : ''} | ${timelineCells(q).join(' | ')} |`));
  }
  return out;
}
