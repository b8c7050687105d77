/**
 * The prompt text for a chat, rendered from the model's own Jinja template (tokenizer.chat_template), as llama.cpp
 * and transformers do: messages, add_generation_prompt, bos_token/eos_token. Files without a template get ChatML.
 */
import { Template } from '@huggingface/jinja';
import type { GgufValue } from '../gguf';

export class ChatTemplateError extends Error {}

export interface ChatMessage { role: 'system' | 'user' | 'assistant'; content: string }

const CHATML = "{% for m in messages %}{{ '<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n' }}{% endfor %}"
  + "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The few strftime codes chat templates use (Llama 3.x puts "Today Date: 26 Jul 2024" in its system header). */
function strftimeNow(format: string): string {
  const d = new Date();
  const two = (x: number) => String(x).padStart(2, '0');
  return format.replace(/%([dmYbB%])/g, (_, c: string) =>
    c === 'd' ? two(d.getDate()) : c === 'm' ? two(d.getMonth() + 1) : c === 'Y' ? String(d.getFullYear())
      : c === 'b' ? MONTHS[d.getMonth()] : c === 'B' ? d.toLocaleString('en', { month: 'long' }) : '%');
}

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
    });
  } catch (err) {
    if (err instanceof ChatTemplateError) throw err;
    throw new ChatTemplateError(`The model's chat template cannot be rendered: ${(err as Error).message}`);
  }
  const addBos = metadata['tokenizer.ggml.add_bos_token'];
  if (bos && addBos !== false && (addBos === true || metadata['tokenizer.ggml.model'] === 'llama'
    || metadata['tokenizer.ggml.pre'] === 'llama-bpe') && text.startsWith(bos)) {
    text = text.slice(bos.length);
  }
  return text;
}
