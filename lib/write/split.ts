import { findChunkEnd } from '../summarize/chunk';

/**
 * A selection longer than the model can read and rewrite in one go is done in parts, each cut at the most natural
 * break in range (a paragraph, else a line, a sentence…: summarize/chunk.ts) and measured with the model's own token
 * count; the parts' answers are joined in order. Each part keeps the whitespace it ended with, so joining the
 * answers (each given back its part's surrounding whitespace) keeps the paragraphs.
 */
export async function splitToFit(text: string, budgetTokens: number, countTokens: (text: string) => Promise<number>): Promise<string[]> {
  if (budgetTokens < 1) throw new RangeError('The model has no room for the text.');
  const tokens = await countTokens(text);
  if (tokens <= budgetTokens) return [text];
  // Characters per part from this text's own ratio, with a margin; each part is counted again.
  const maxChars = Math.max(1, Math.floor((text.length * budgetTokens * 0.9) / tokens));
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = findChunkEnd(text, start, maxChars);
    if (end <= start) end = start + 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  if (parts.length === 1) return [text.slice(0, maxChars), ...(await splitToFit(text.slice(maxChars), budgetTokens, countTokens))];
  const fitted: string[] = [];
  for (const part of parts) fitted.push(...(await splitToFit(part, budgetTokens, countTokens)));
  return fitted;
}
