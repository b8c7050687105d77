import { commonPrefix } from './kv-slots';

/** What the splice needs of the tokenizer. */
export interface SpliceTokenizer {
  /** A token's bytes, control tokens as their text (as `encode(…, { special: true })` reads them). */
  bytes(id: number): Uint8Array;
  /** A control token: markup that only the template's own text may become. */
  isControl(id: number): boolean;
}

/**
 * A rendered chat prompt's tokens, continuing a KV slot's tokens exactly where the slot holds the same text.
 *
 * A model's answer, tokenized again as the next prompt's history, often comes out split differently from how the
 * model wrote it (it may write " wor" + "ld" where the tokenizer says " world"), and the prompt then parts from the
 * cache at the first such token: the whole answer is read again. So where a slot's tokens spell the start of the
 * prompt's text byte for byte, and they end where the canonical tokens have a boundary too, the prompt takes the
 * slot's tokens up to there and the canonical ones after it: the same text, read only from where the cache ends.
 *
 * `canon` is the canonical encoding of `text` (UTF-8), after `skip` leading tokens that are not in the text (a BOS the
 * tokenizer adds). A control token is taken from a slot only where the canonical tokens have that very token at the
 * same place, and the canonical markup only as that same token: no text becomes markup, and no markup text. Without a
 * longer match the canonical tokens are returned as they are.
 */
export function spliceCachedTokens(canon: readonly number[], text: Uint8Array, slots: ReadonlyArray<{ readonly tokens: readonly number[] }>, tok: SpliceTokenizer, skip = 0): readonly number[] {
  // Byte offset in the text → index of the canonical token that starts there; where the markup (control tokens) is.
  const startsAt = new Map<number, number>([[0, skip]]);
  const markup: Array<{ start: number; end: number; id: number }> = [];
  let end = 0;
  for (let k = skip; k < canon.length; k++) {
    const start = end;
    startsAt.set((end += tok.bytes(canon[k]!).length), k + 1);
    if (tok.isControl(canon[k]!)) markup.push({ start, end, id: canon[k]! });
  }
  if (end !== text.length) return canon; // the tokens do not spell the text byte for byte (SentencePiece's spaces)
  let best: { slotTokens: number; canonAt: number; tokens: readonly number[] } | null = null;
  for (const { tokens } of slots) {
    if (tokens.length <= skip || commonPrefix(tokens, canon, skip) < skip) continue;
    const shared = commonPrefix(tokens, canon);
    let at = 0;
    let next = 0; // the first markup token not yet passed
    let taken = -1;
    let canonAt = -1;
    for (let j = skip; j < tokens.length; j++) {
      const id = tokens[j]!;
      const bytes = tok.bytes(id);
      if (bytes.length === 0 || !sameBytes(text, at, bytes)) break;
      while (next < markup.length && markup[next]!.end <= at) next++;
      const m = markup[next];
      // Markup only where the canonical tokens have the same markup token, in the same place (both ways).
      const meetsMarkup = m !== undefined && m.start < at + bytes.length;
      if ((tok.isControl(id) || meetsMarkup) && !(m && m.start === at && m.end === at + bytes.length && m.id === id)) break;
      at += bytes.length;
      const k = startsAt.get(at);
      if (k !== undefined) [taken, canonAt] = [j + 1, k];
    }
    if (taken > shared && taken > (best?.slotTokens ?? 0)) best = { slotTokens: taken, canonAt, tokens };
  }
  return best ? [...best.tokens.slice(0, best.slotTokens), ...canon.slice(best.canonAt)] : canon;
}

function sameBytes(text: Uint8Array, at: number, bytes: Uint8Array): boolean {
  if (at + bytes.length > text.length) return false;
  for (let i = 0; i < bytes.length; i++) if (text[at + i] !== bytes[i]) return false;
  return true;
}

const utf8 = new TextEncoder();

/** spliceCachedTokens for a chat prompt `text` and its canonical tokens, with the CPU engine's tokenizer. */
export function continueCachedTokens(
  tokenizer: { bosId: number | null; tokenBytes(id: number, special?: boolean): Uint8Array },
  text: string,
  canon: readonly number[],
  slots: ReadonlyArray<{ readonly tokens: readonly number[] }>,
): readonly number[] {
  if (!slots.some((s) => s.tokens.length > 0)) return canon;
  const bytes = utf8.encode(text);
  const bos = tokenizer.bosId;
  // A BOS the tokenizer added is not in the text (the template's own was dropped when it was rendered).
  const bosText = bos === null ? null : tokenizer.tokenBytes(bos, true);
  const skip = bos !== null && canon[0] === bos && !(bosText!.length > 0 && startsWith(bytes, bosText!)) ? 1 : 0;
  return spliceCachedTokens(canon, bytes, slots, {
    bytes: (id) => tokenizer.tokenBytes(id, true),
    isControl: (id) => tokenizer.tokenBytes(id, false).length === 0,
  }, skip);
}

const startsWith = (a: Uint8Array, b: Uint8Array) => b.length <= a.length && b.every((x, i) => a[i] === x);
