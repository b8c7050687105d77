/**
 * How many tokens a text makes, before and after the engine has counted any.
 *
 * Parts of long texts are sized with the loaded engine's own token count when it has one (`llm.countTokens`), else with a
 * prior per kind of character that is safe for the byte-level BPE and SentencePiece tokenizers of the curated
 * models, calibrated afterwards against the engine's count: every finished step reports `promptTokens` for a
 * prompt whose length in characters we know. A prompt the engine still refuses as too long is split smaller.
 */

/** Upper bound whatever the tokenizer: byte-level BPE and SentencePiece with byte fallback never use more than
 * one token per UTF-8 byte (the tiny test model comes close to that). */
export function estimateTokensUpperBound(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xe000 ? 2 : 3; // each half of a surrogate pair: 4 bytes in all
  }
  return bytes;
}

/** Upper bound of chat messages' text, plus `perMessage` tokens each for the template's markup around it. */
export const messagesTokensUpperBound = (messages: readonly { content: string }[], perMessage = 0): number =>
  messages.reduce((n, m) => n + estimateTokensUpperBound(m.content) + perMessage, 0);

/** ASCII letters and spaces per token in the prior (real models average 4-5 characters a token on English). */
export const PRIOR_CHARS_PER_WORD_TOKEN = 3;

/** English words per token for the curated models' tokenizers (about 4 characters a token, 5.3 a word with its
 * space): for telling users sizes and speeds in words, never for fitting a prompt. */
export const WORDS_PER_TOKEN = 0.75;

/** Tokens a chat template adds around each message (role markers, separators), at most, for the curated models. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

/**
 * A chat message's tokens, conservatively, from its length alone: real tokenizers average 3.5-4.5 characters per
 * token on English prose, fewer on code and non-Latin scripts, so PRIOR_CHARS_PER_WORD_TOKEN errs on the side of
 * dropping a turn early; plus the template's overhead.
 */
export const estimateMessageTokens = (text: string) => Math.ceil(text.length / PRIOR_CHARS_PER_WORD_TOKEN) + MESSAGE_OVERHEAD_TOKENS;

/**
 * The estimate used before the engine has counted anything: ASCII letters and spaces at 3 characters a token;
 * digits (split one per token by several tokenizers), punctuation and every other script at one token per
 * UTF-8 byte. A 600-word English article comes to ~1,250 tokens (Qwen's tokenizer counts ~700).
 */
export function estimateTokensPrior(text: string): number {
  let words = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x20) words++;
    else other += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xe000 ? 2 : 3;
  }
  return Math.ceil(words / PRIOR_CHARS_PER_WORD_TOKEN) + other;
}

const MAX_CHARS_PER_TOKEN = 6;

/**
 * Characters per token: the prior until the engine counts, then the least favourable ratio measured, with a
 * margin. `shrink` answers a prompt the engine refused as too long: halve, down to one token per byte.
 */
export function createTokenRatio(safety = 0.85) {
  let charsPerToken: number | null = null;
  const priorRatio = (sample: string) => (sample.length ? sample.length / Math.max(1, estimateTokensPrior(sample)) : 1);
  const floorRatio = (sample: string) => (sample.length ? sample.length / Math.max(1, estimateTokensUpperBound(sample)) : 1);
  return {
    /** Characters that should hold at most `tokens` tokens of this text. */
    charsFor(tokens: number, sample: string): number {
      const ratio = charsPerToken === null ? priorRatio(sample) : Math.max(charsPerToken * safety, floorRatio(sample));
      return Math.max(1, Math.floor(tokens * ratio));
    },
    /** Tokens `chars` characters like `sample` are expected to make (for progress, not for sizing). */
    tokensFor(chars: number, sample: string): number {
      return Math.ceil(chars / (charsPerToken ?? priorRatio(sample)));
    },
    /** Record that `chars` characters of prompt were `tokens` tokens; keep the least favourable ratio seen. */
    learn(chars: number, tokens: number) {
      if (!(tokens > 0 && chars > 0)) return;
      // No tokenizer averages more than ~6 characters a token on prose; a higher figure means the count left
      // something out (a cached prefix, say), so it is not trusted beyond that.
      const r = Math.min(chars / tokens, MAX_CHARS_PER_TOKEN);
      charsPerToken = charsPerToken === null ? r : Math.min(charsPerToken, r);
    },
    /** The engine refused a prompt as too long: size smaller. False when already at one token per byte. */
    shrink(sample: string): boolean {
      const floor = floorRatio(sample);
      const current = charsPerToken === null ? priorRatio(sample) : charsPerToken * safety;
      if (current <= floor * 1.001) return false;
      charsPerToken = Math.max(floor, current / 2) / safety;
      return true;
    },
    get measured() {
      return charsPerToken;
    },
  };
}
