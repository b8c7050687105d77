import type { ChatMessage } from '../messaging/protocol';
import { asksOverPassages, buildCombineMessages, buildSummaryMessages, summaryRequest, type SourceInfo, type SummaryStyle } from './prompt';

/**
 * What the in-page panel says it summarized, for "Ask a follow-up" (`ask.followUp`): a claim the worker checks against
 * the host's record of the generation. `text` only for a page read in one step (the chat then asks about that text).
 */
export interface SummaryClaim {
  source: 'page' | 'selection';
  title: string;
  language: string | null;
  style: SummaryStyle;
  text?: string;
}

/** A summary Hearth's model wrote for Hearth's own request: over a page's passages (the lead to reuse), or another. */
export type CheckedSummary = { kind: 'passages'; text: string; title: string; request: string } | { kind: 'other' };

const LENGTHS = ['short', 'medium', 'long'];
const FORMATS = ['paragraph', 'bullets'];
/** A language name as lib/summarize/language.ts gives it ("French", "Norwegian Bokmål"): letters and spaces only. */
const LANGUAGE_NAME = /^\p{L}[\p{L} ]{0,39}$/u;
/** Stands for the data in a prompt built as a template; asData and trim leave it alone. */
const MARK = '\u0001';
const WRAPPER = /<\s*\/?\s*(?:text|notes)\b[^>]*>/i;

/** `recorded` is `template` (built with MARK as its data) with data in place of MARK that cannot leave its wrapper. */
function follows(recorded: ChatMessage[], template: ChatMessage[]): boolean {
  return recorded.length === template.length && template.every((t, i) => {
    const r = recorded[i]!;
    const at = t.content.indexOf(MARK);
    if (r.role !== t.role) return false;
    if (at < 0) return r.content === t.content;
    const [before, after] = [t.content.slice(0, at), t.content.slice(at + MARK.length)];
    if (r.content.length < before.length + after.length || !r.content.startsWith(before) || !r.content.endsWith(after)) return false;
    return !WRAPPER.test(r.content.slice(before.length, r.content.length - after.length));
  });
}

const same = (a: ChatMessage[], b: ChatMessage[]) => a.length === b.length && a.every((m, i) => m.role === b[i]!.role && m.content === b[i]!.content);

/**
 * Did the host's recorded prompt ask for this claimed summary, in Hearth's own words? A page read in one step over its
 * passages must rebuild exactly (its text and request then lead the follow-up, lib/ask/follow-up.ts); a selection's
 * one step or a long text's last step must be Hearth's prompt around data that cannot close its wrapper. Null for
 * anything else (a malformed claim, a prompt a page's process wrote): its answer is no summary of Hearth's.
 */
export function checkSummaryRecord(claim: unknown, recorded: ChatMessage[]): CheckedSummary | null {
  const c = claim as Partial<SummaryClaim> | null | undefined;
  const style = c?.style as SummaryStyle | undefined;
  if (!c || (c.source !== 'page' && c.source !== 'selection') || typeof c.title !== 'string') return null;
  if (!style || !LENGTHS.includes(style.length) || !FORMATS.includes(style.format)) return null;
  if (c.language !== null && !(typeof c.language === 'string' && LANGUAGE_NAME.test(c.language))) return null;
  const info: SourceInfo = { source: c.source, title: c.title, language: c.language };
  if (typeof c.text === 'string' && asksOverPassages(info) && same(buildSummaryMessages(c.text, info, style), recorded)) {
    return { kind: 'passages', text: c.text, title: c.title, request: summaryRequest(info, style) };
  }
  const hearths = [buildCombineMessages([MARK], info, style, true), ...(asksOverPassages(info) ? [] : [buildSummaryMessages(MARK, info, style)])];
  return hearths.some((template) => follows(recorded, template)) ? { kind: 'other' } : null;
}
