/**
 * The CPU engine's tokenizer, built from a GGUF file's own metadata with llama.cpp's semantics, so ids match what
 * the model was trained on: byte-level BPE ("gpt2": Qwen2.5, Llama 3.x, SmolLM2) and SentencePiece BPE ("llama").
 * It also counts tokens when summaries are cut into chunks, so it must be exact and fast.
 */
import type { GgufValue } from '../../../gguf/read';
import { createBpeEncoder } from './bpe';
import { fromByteLevel } from './byte-level';
import { createSpecialMatcher, type PlainRanges } from './special';
import { createSpmEncoder } from './spm';
import { readVocab, TokenType } from './vocab';

export { TokenizerMetadataError } from './vocab';
export { renderChatPrompt, renderChatPromptParts, ChatTemplateError, type ChatMessage, type RenderedChat } from './chat';
export type { PlainRanges } from './special';
export { createTextStream, type TextStream } from './text-stream';

export interface Tokenizer {
  readonly vocabSize: number;
  readonly bosId: number | null;
  /** Ids that end an answer: eos, eot, and end-of-turn tokens of the chat template (<|im_end|>, <|eot_id|> …). */
  readonly stopIds: ReadonlySet<number>;
  /** addBos: prepend BOS if the model asks for it (tokenizer.ggml.add_bos_token, llama.cpp's defaults per model
   *  type when absent). special: text like "<|im_start|>" becomes that special token (true for rendered chat prompts,
   *  false for page text so a page cannot forge control tokens). plain: ranges of `text` read as with special off
   *  (the messages inside a rendered chat prompt: renderChatPromptParts). */
  encode(text: string, opts?: { addBos?: boolean; special?: boolean; plain?: PlainRanges }): number[];
  /** The exact bytes a token stands for (byte-level and <0xNN> byte-fallback resolved; control tokens give their
   *  text only if `special`), for streaming UTF-8 decoding across token boundaries. */
  tokenBytes(id: number, special?: boolean): Uint8Array;
  decode(ids: number[], special?: boolean): string;
}

const utf8 = new TextEncoder();
const EMPTY = new Uint8Array(0);

export function createTokenizer(metadata: Record<string, GgufValue>): Tokenizer {
  const vocab = readVocab(metadata);
  const matcher = createSpecialMatcher(vocab);
  const encodeText = vocab.kind === 'bpe' ? createBpeEncoder(vocab) : createSpmEncoder(vocab);
  const n = vocab.tokens.length;
  // Bytes per token, resolved on first use (most of a 150k vocabulary is never decoded in a session).
  const plainBytes: (Uint8Array | undefined)[] = new Array(n);

  const resolve = (id: number): Uint8Array => {
    const text = vocab.tokens[id]!;
    const type = vocab.types[id];
    if (type === TokenType.Control || type === TokenType.UserDefined || type === TokenType.Unknown) return utf8.encode(text);
    if (vocab.kind === 'bpe') return type === TokenType.Normal ? fromByteLevel(text) : EMPTY;
    if (type === TokenType.Byte) {
      const m = /^<0x([0-9A-Fa-f]{2})>$/.exec(text);
      return m ? Uint8Array.of(parseInt(m[1]!, 16)) : EMPTY;
    }
    return type === TokenType.Normal ? utf8.encode(text.replaceAll('\u2581', ' ')) : EMPTY;
  };

  const tokenBytes = (id: number, special = false): Uint8Array => {
    if (!(id >= 0 && id < n)) return EMPTY;
    const type = vocab.types[id];
    // Control and unknown tokens are markup, not text: they only print when asked to (llama.cpp does the same).
    if (!special && (type === TokenType.Control || type === TokenType.Unknown)) return EMPTY;
    return (plainBytes[id] ??= resolve(id));
  };

  return {
    vocabSize: n,
    bosId: vocab.bosId,
    stopIds: vocab.stopIds,
    encode(text, { addBos = false, special = false, plain } = {}) {
      const out: number[] = [];
      if (addBos && vocab.addBos && vocab.bosId !== null) out.push(vocab.bosId);
      // SentencePiece adds a space before the first text and after each special token (llama.cpp does the same).
      let afterSpecial = true;
      for (const frag of matcher.split(text, special, plain)) {
        if (typeof frag === 'number') {
          out.push(frag);
          afterSpecial = true;
        } else if (!frag) {
          // Empty text gives no tokens (not even SentencePiece's leading space), as in llama.cpp.
        } else if (vocab.kind === 'spm') {
          encodeText(vocab.addSpacePrefix && afterSpecial ? ' ' + frag : frag, out);
          afterSpecial = false;
        } else {
          encodeText(frag, out);
        }
      }
      return out;
    },
    tokenBytes,
    decode(ids, special = false) {
      const parts = ids.map((id) => tokenBytes(id, special));
      const all = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
      let at = 0;
      for (const p of parts) { all.set(p, at); at += p.length; }
      return new TextDecoder().decode(all);
    },
  };
}
