/**
 * Put `text` on the clipboard. Without focus or on an insecure page the async clipboard refuses; the old copy
 * command still works there, from a text area kept inside `inside` (the panel's closed shadow root): in the
 * page's own DOM, the page's scripts would see the summary.
 */
export async function copyText(text: string, win: Window, inside: Element | ShadowRoot): Promise<void> {
  try {
    await win.navigator.clipboard.writeText(text);
  } catch {
    const area = win.document.createElement('textarea');
    area.value = text;
    area.style.cssText = 'position:fixed;opacity:0;';
    inside.append(area);
    area.select();
    const ok = win.document.execCommand('copy');
    area.remove();
    if (!ok) throw new Error('copy refused');
  }
}
