/**
 * The prompt text for a chat, rendered from the model's own Jinja template (tokenizer.chat_template), as llama.cpp
 * and transformers do: messages, add_generation_prompt, bos_token/eos_token, enable_thinking (always false: Hearth
 * shows answers, not reasoning; lib/llm/think-filter.ts drops any that comes anyway). Files without a template get ChatML.
 * Unlike llama.cpp, the messages' own text never becomes markup (renderChatPromptParts).
 */
import { Template } from '@huggingface/jinja';
import type { GgufValue } from '../../../gguf/read';
import { wantsBos } from './vocab';

export class ChatTemplateError extends Error {}

export interface ChatMessage { role: 'system' | 'user' | 'assistant'; content: string }

const CHATML = "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n' }}{% endfor %}"
  + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const tokenText = (md: Record<string, GgufValue>, key: string): string => {
  const tokens = md['tokenizer.ggml.tokens'];
  const id = md[`tokenizer.ggml.${key}`];
  return Array.isArray(tokens) && id !== undefined ? String(tokens[Number(id)] ?? '') : '';
};

/** A rendered chat prompt, and where in it the messages' own text is (read as text even where it spells markup). */
export interface RenderedChat { text: string; plain: [number, number][] }

// Unicode noncharacters (never in interchange text) around each message's text while the template renders, so the
// rendered prompt says where the messages are. Whitespace stays outside them: templates trim contents.
const OPEN = '\ufdd0', CLOSE = '\ufdd1';
const mark = (content: string): string => {
  const bare = content.replaceAll(OPEN, '').replaceAll(CLOSE, '');
  const core = bare.trim();
  if (!core) return bare;
  const lead = bare.slice(0, bare.indexOf(core));
  return lead + OPEN + core + CLOSE + bare.slice(lead.length + core.length);
};

/** The text without the marks, and the marked ranges in it (a mark the template cut off marks nothing). */
function unmark(marked: string): RenderedChat {
  let text = '';
  const plain: [number, number][] = [];
  let open = -1;
  for (const part of marked.split(/([\ufdd0\ufdd1])/)) {
    if (part === OPEN) open = text.length;
    else if (part === CLOSE) {
      if (open >= 0 && text.length > open) plain.push([open, text.length]);
      open = -1;
    } else text += part;
  }
  return { text, plain };
}

/** renderChatPrompt's text. */
export function renderChatPrompt(metadata: Record<string, GgufValue>, messages: ChatMessage[]): string {
  return renderChatPromptParts(metadata, messages).text;
}

/**
 * Render the chat. When the tokenizer adds BOS itself (add_bos_token) and the template also writes it, the written
 * one is dropped, as llama.cpp does, so encode(text, { addBos: true, special: true, plain }) has exactly one BOS.
 * `plain` holds the messages' own text: encoded with it, a page quoting "<|im_end|>" or "<start_of_turn>" stays text,
 * where llama.cpp (which encodes the whole rendered prompt with special tokens on) would read it as markup.
 */
export function renderChatPromptParts(metadata: Record<string, GgufValue>, messages: ChatMessage[]): RenderedChat {
  const source = metadata['tokenizer.chat_template'];
  const bos = tokenText(metadata, 'bos_token_id');
  const eos = tokenText(metadata, 'eos_token_id');
  let marked: string;
  try {
    const template = new Template(typeof source === 'string' && source.trim() ? source : CHATML);
    marked = template.render({
      messages: messages.map((m) => ({ role: m.role, content: mark(m.content) })),
      add_generation_prompt: true,
      bos_token: bos,
      eos_token: eos,
      // Qwen3's template pre-fills an empty <think></think> for this (its "hard switch"; the model then answers at
      // once, as Qwen's docs describe), so summaries and answers carry no reasoning. Other templates ignore it.
      enable_thinking: false,
    });
  } catch (err) {
    // Syntax errors, unknown filters and the template's own raise_exception (a jinja built-in) all land here.
    throw new ChatTemplateError(`The model's chat template cannot be rendered: ${(err as Error).message}`);
  }
  return unmark(bos && wantsBos(metadata) && marked.startsWith(bos) ? marked.slice(bos.length) : marked);
}
