// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { render } from 'preact';
import { MessageView } from './MessageView';
import type { StoredMessage } from '../chat-store';

const answer = (content: string) => ({ id: 'a1', conversationId: 'c', role: 'assistant', content, createdAt: 0 }) as StoredMessage;

describe('MessageView', () => {
  const setter = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML')!;
  afterEach(() => Object.defineProperty(Element.prototype, 'innerHTML', setter));

  it('shows the model’s markdown from the tree the allowlist checked, never from re-parsed HTML', () => {
    // Parse, serialize and parse again is the shape of mutation-XSS bugs: the second parse can build a different
    // tree from the one the sanitizer saw. So no HTML string may be set anywhere while a message renders.
    const assigned: string[] = [];
    Object.defineProperty(Element.prototype, 'innerHTML', {
      ...setter,
      set(this: Element, v: string) {
        assigned.push(v);
        setter.set!.call(this, v);
      },
    });
    const host = document.createElement('div');
    render(<MessageView message={answer('**bold** <img src=x onerror="window.__pwned=1"> [a](https://example.com)')} streaming={false} />, host);
    expect(assigned).toEqual([]);
    const text = host.querySelector('.markdown')!;
    expect(text.querySelector('strong')?.textContent).toBe('bold');
    expect(text.querySelector('a')?.getAttribute('href')).toBe('https://example.com');
    expect(text.querySelectorAll('img, script')).toHaveLength(0);
    expect(text.textContent).toContain('<img src=x onerror="window.__pwned=1">'); // shown as text
  });

  it('replaces the rendered answer as it streams, without keeping the old text', () => {
    const host = document.createElement('div');
    render(<MessageView message={answer('first')} streaming />, host);
    render(<MessageView message={answer('first *second*')} streaming />, host);
    const text = host.querySelector('.markdown')!;
    expect(text.textContent).toBe('first second');
    expect(text.querySelector('em')?.textContent).toBe('second');
  });
});
