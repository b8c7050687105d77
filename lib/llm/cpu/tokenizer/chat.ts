/**
 * The prompt text for a chat, rendered from the model's own Jinja template (tokenizer.chat_template), as llama.cpp
 * and transformers do: messages, add_generation_prompt, bos_token/eos_token, enable_thinking (always false: Hearth
 * shows answers, not reasoning; lib/llm/think-filter.ts drops any that comes anyway). Files without a template get ChatML.
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

/**
 * Render the chat. When the tokenizer adds BOS itself (add_bos_token) and the template also writes it, the written
 * one is dropped, as llama.cpp does, so encode(prompt, { addBos: true, special: true }) has exactly one BOS.
 */
export function renderChatPrompt(metadata: Record<string, GgufValue>, messages: ChatMessage[]): string {
  const source = metadata['tokenizer.chat_template'];
  const bos = tokenText(metadata, 'bos_token_id');
  const eos = tokenText(metadata, 'eos_token_id');
  let text: string;
  try {
    const template = new Template(typeof source === 'string' && source.trim() ? source : CHATML);
    text = template.render({
      messages: messages.map((m) => ({ role: m.role, content: m.content })),
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
  return bos && wantsBos(metadata) && text.startsWith(bos) ? text.slice(bos.length) : text;
}
