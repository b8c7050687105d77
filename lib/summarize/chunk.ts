/**
 * Splitting a long text into parts that fit the model's context.
 *
 * Neither engine exposes a tokenizer (wllama 3 has no tokenize call; WebLLM keeps its own private), so parts
 * are sized with an estimate that starts safe and is then calibrated against the engine's own count: every
 * finished step reports `promptTokens` for a prompt whose length in characters we know.
 */

/** Upper bound before any measurement: byte-level BPE and SentencePiece with byte fallback never use more
 * than one token per UTF-8 byte (the tiny test model comes close to that; real models use ~4 bytes a token). */
export function estimateTokensUpperBound(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xe000 ? 2 : 3; // each half of a surrogate pair: 4 bytes in all
  }
  return bytes;
}

const MAX_CHARS_PER_TOKEN = 6;

/** Characters per token, learned from what the engine counted. Only ever moves towards caution by a margin. */
export function createTokenRatio(safety = 0.85) {
  let charsPerToken: number | null = null;
  return {
    /** Characters that should hold at most `tokens` tokens of this text. */
    charsFor(tokens: number, sample: string): number {
      if (charsPerToken === null) {
        const bytesPerChar = sample.length ? estimateTokensUpperBound(sample) / sample.length : 1;
        return Math.max(1, Math.floor(tokens / Math.max(bytesPerChar, 1)));
      }
      return Math.max(1, Math.floor(tokens * charsPerToken * safety));
    },
    /** Record that `chars` characters of prompt were `tokens` tokens; keep the least favourable ratio seen. */
    learn(chars: number, tokens: number) {
      if (!(tokens > 0 && chars > 0)) return;
      // No tokenizer averages more than ~6 characters a token on prose; a higher figure means the count left
      // something out (a cached prefix, say), so it is not trusted beyond that.
      const r = Math.min(chars / tokens, MAX_CHARS_PER_TOKEN);
      charsPerToken = charsPerToken === null ? r : Math.min(charsPerToken, r);
    },
    get measured() {
      return charsPerToken;
    },
  };
}

const BREAKS: RegExp[] = [/\n\s*\n/g, /\n/g, /[.!?。！？]["')\]]?\s/g, /[,;:、，；]\s?/g, /\s/g];

/**
 * Where the part starting at `start` should end so it holds at most `maxChars` characters: at the last
 * paragraph break in range, else line, sentence, clause or word break, else exactly at `maxChars`
 * (never inside a surrogate pair). Breaks in the first half are ignored, so parts stay reasonably full.
 */
export function findChunkEnd(text: string, start: number, maxChars: number): number {
  const limit = start + Math.max(1, maxChars);
  if (limit >= text.length) return text.length;
  const window = text.slice(start, limit);
  const minimum = Math.floor(window.length / 2);
  for (const re of BREAKS) {
    let best = -1;
    for (const m of window.matchAll(re)) if (m.index! + m[0].length > minimum) best = m.index! + m[0].length;
    if (best > 0) return start + best;
  }
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code < 0xdc00 ? limit - 1 : limit;
}

/** Split `text` into parts of at most `maxChars` characters each (used for notes in the combine step). */
export function splitByChars(text: string, maxChars: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    const end = findChunkEnd(text, start, maxChars);
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}
