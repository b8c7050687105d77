/**
 * Turns generated ids into text as they come. A token can end in the middle of a UTF-8 character (byte-level BPE
 * and <0xNN> fallback both do this for emoji and CJK), so only complete characters are returned; the rest waits
 * for the next token.
 */
export interface TextStream {
  /** The text completed by this token (maybe ''). */
  push(id: number): string;
  /** Whatever is left at the end of the answer (an unfinished character becomes U+FFFD). */
  flush(): string;
}

/** The one thing the stream needs from a tokenizer (index.ts's Tokenizer has it; said here, as index.ts re-exports this file). */
export interface TokenBytes {
  tokenBytes(id: number, special?: boolean): Uint8Array;
}

export function createTextStream(tokenizer: TokenBytes, special = false): TextStream {
  const decoder = new TextDecoder();
  return {
    push: (id) => decoder.decode(tokenizer.tokenBytes(id, special), { stream: true }),
    flush: () => decoder.decode(),
  };
}
