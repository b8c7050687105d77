/** What the CPU engine needs from a tokenizer (lib/llm/cpu/tokenizer, built from the GGUF's metadata). */
export interface Tokenizer {
  encode(text: string, options?: { addBos?: boolean; special?: boolean }): number[];
  /** The bytes a token stands for (a byte-fallback token is one byte of a UTF-8 sequence). */
  tokenBytes(id: number): Uint8Array;
  decode(ids: number[]): string;
  /** End of generation: EOS, EOT, <|im_end|>… */
  readonly stopIds: ReadonlySet<number> | readonly number[];
  readonly bosId?: number;
}

export interface ChatMessageLike {
  role: string;
  content: string;
}
