/**
 * Page text and titles are the page's words (and notes are the model's words about them): a page could write
 * "</text>" to end the data early and add instructions after it. Tags that look like ours are shown with
 * full-width brackets, so the data cannot close its own wrapper (the model still reads them as the same word).
 */
export const asData = (s: string) => s.replace(/<(\s*\/?\s*(?:text|notes)\b[^>]*)>/gi, '＜$1＞');
