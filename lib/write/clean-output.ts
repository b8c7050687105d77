/**
 * The model's answer as a replacement for the original: models often add a preface ("Here is the corrected
 * text:"), wrap the answer in quotes or in the prompt's own <text> tags, or drop the original's surrounding
 * whitespace. Apply puts the suggestion into the field as it is, so those go, and the original's leading and
 * trailing whitespace (a selection that ends in a line break) comes back.
 */
const PREFACE = /^(?:sure[,!.]?\s*)?(?:here(?:'s| is| are)\b[^\n]*|(?:the )?(?:corrected|rewritten|revised|edited|translated)(?: text| version)?|translation)\s*:\s*\n+/i;
const QUOTES: Array<[string, string]> = [['"', '"'], ['“', '”'], ['«', '»'], ['「', '」'], ["'", "'"]];

function unwrap(s: string, original: string): string {
  let out = s.trim();
  const tags = /^<text>\s*\n?([\s\S]*?)\n?\s*<\/text>$/i.exec(out);
  if (tags) out = tags[1]!.trim();
  const fence = /^```[\w-]*\n([\s\S]*?)\n```$/.exec(out);
  if (fence && !original.trim().startsWith('```')) out = fence[1]!.trim();
  const inner = original.trim();
  for (const [open, close] of QUOTES) {
    if (out.length > 1 && out.startsWith(open) && out.endsWith(close) && !(inner.startsWith(open) && inner.endsWith(close))) {
      out = out.slice(open.length, -close.length).trim();
      break;
    }
  }
  return out;
}

export function cleanSuggestion(output: string, original: string): string {
  let body = output.trim();
  if (!PREFACE.test(original.trim())) body = body.replace(PREFACE, '');
  body = unwrap(body, original);
  const lead = /^\s*/.exec(original)![0];
  const trail = original.trim() ? /\s*$/.exec(original)![0] : '';
  return `${lead}${body}${trail}`;
}
