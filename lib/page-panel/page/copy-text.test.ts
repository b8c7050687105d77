// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { copyText } from './copy-text';

describe('copyText', () => {
  it('falls back to the copy command without ever putting the text in the page’s DOM', async () => {
    const host = document.createElement('div');
    document.documentElement.append(host);
    const root = host.attachShadow({ mode: 'closed' });
    const seenByPage: string[] = [];
    new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) seenByPage.push((n as HTMLTextAreaElement).value ?? n.textContent ?? '');
    }).observe(document, { childList: true, subtree: true });
    const copiedFrom: Array<Node | null> = [];
    const win = Object.create(window, {
      navigator: { value: { clipboard: { writeText: () => Promise.reject(new Error('Document is not focused')) } } },
    }) as Window;
    document.execCommand = (cmd: string) => {
      copiedFrom.push(cmd === 'copy' ? (root.querySelector('textarea')?.getRootNode() ?? null) : null);
      return true;
    };
    await copyText('the summary', win, root);
    await new Promise((r) => setTimeout(r, 0)); // let the observer report
    expect(seenByPage).toEqual([]);
    expect(copiedFrom).toEqual([root]); // the copy ran from a text area inside the closed root
    expect(root.querySelector('textarea')).toBeNull(); // and it is gone afterwards
  });
});
