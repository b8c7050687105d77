/**
 * Which glyphs of a PDF page a reader can see, from pdf.js's operator list (its drawing instructions: pdf.js's text
 * content does not say how text is drawn). A PDF can carry text nobody sees, the way a web page can (lib/page-text
 * /page/visible-copy.ts), and a model would read it as the document's: text drawn in render mode 3 or 7 (no ink), in
 * the colour of the paper or of the shape it sits on, or fully transparent. Text placed off the page's box never gets
 * here: pdf.js leaves it out of the text content. The policy follows the web page's: text over an image is always
 * kept (an OCR layer over a scan is invisible text over its picture, and nobody can say what colour an image is), and
 * a shape drawn over the text later is not looked at.
 */

/** Non-space characters of a page's glyphs in drawing order (NFKC, as pdf.js's text content), and which are seen. */
export interface PageInk {
  chars: string;
  seen: boolean[];
}

/** The operator list's shape (pdf.js `getOperatorList()`), and pdf.js's operator numbers (`OPS`). */
export interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}
export type OpsTable = Record<string, number>;

type Matrix = [number, number, number, number, number, number];
type Box = [number, number, number, number];
interface Glyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}
interface State {
  ctm: Matrix;
  fill: string;
  stroke: string;
  fillAlpha: number;
  strokeAlpha: number;
  mode: number;
  size: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3], m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3], m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
const asMatrix = (a: unknown): Matrix => {
  const m = a as ArrayLike<number> | null;
  return m && m.length >= 6 ? [m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!].map(Number) as Matrix : IDENTITY;
};
/** A user-space box as the page-space box around its four corners. */
function pageBox(b: ArrayLike<number>, ctm: Matrix): Box {
  const pts = [apply(ctm, b[0]!, b[1]!), apply(ctm, b[2]!, b[1]!), apply(ctm, b[0]!, b[3]!), apply(ctm, b[2]!, b[3]!)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
/** Close enough to tell apart from nothing: the web page's rule (summed channel difference under 12). */
const sameColour = (a: string, b: string) => rgbOf(a).reduce((sum, v, i) => sum + Math.abs(v - rgbOf(b)[i]!), 0) < 12;

/** What is under a point: the last shape painted there (its colour; null for an image), else white paper. */
interface Painted {
  box: Box;
  colour: string | null;
}
const under = (painted: Painted[], x: number, y: number): string | null => {
  for (let i = painted.length - 1; i >= 0; i--) {
    const [x0, y0, x1, y1] = painted[i]!.box;
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1) return painted[i]!.colour;
  }
  return '#ffffff';
};

/** Can a reader see a glyph drawn with state `s` at (x, y)? */
function seenAt(s: State, painted: Painted[], x: number, y: number): boolean {
  const paper = under(painted, x, y);
  if (paper === null) return true; // over an image: kept (an OCR layer), whatever its ink
  const mode = s.mode & 7;
  if (mode === 3 || mode === 7) return false;
  const fills = mode === 0 || mode === 2 || mode === 4 || mode === 6;
  const strokes = mode === 1 || mode === 2 || mode === 5 || mode === 6;
  return (fills && s.fillAlpha >= 0.1 && !sameColour(s.fill, paper)) || (strokes && s.strokeAlpha >= 0.1 && !sameColour(s.stroke, paper));
}

/** Walk the page's drawing instructions and say, glyph by glyph, whether a reader sees it. */
export function pageInk(list: OperatorList, OPS: OpsTable): PageInk {
  const name = new Map(Object.entries(OPS).map(([k, v]) => [v, k]));
  const out: PageInk = { chars: '', seen: [] };
  const painted: Painted[] = [];
  const stack: State[] = [];
  let s: State = { ctm: IDENTITY, fill: '#000000', stroke: '#000000', fillAlpha: 1, strokeAlpha: 1, mode: 0, size: 0, charSpacing: 0, wordSpacing: 0, hScale: 1, leading: 0, rise: 0 };
  let tm: Matrix = IDENTITY;
  let tlm: Matrix = IDENTITY;
  let path: ArrayLike<number> | null = null;
  const moveText = (x: number, y: number) => void (tm = tlm = mul([1, 0, 0, 1, x, y], tlm));
  const paint = (box: ArrayLike<number> | null, colour: string | null) => box && box.length >= 4 && painted.push({ box: pageBox(box, s.ctm), colour });
  const fillOps = new Set(['fill', 'eoFill', 'fillStroke', 'eoFillStroke', 'closeFillStroke', 'closeEOFillStroke'].map((n) => OPS[n]));

  list.fnArray.forEach((fn, i) => {
    const args = (list.argsArray[i] ?? []) as unknown[];
    const num = (k: number) => Number(args[k]) || 0;
    switch (name.get(fn)) {
      case 'save': stack.push({ ...s }); break;
      case 'restore': s = stack.pop() ?? s; break;
      case 'transform': s.ctm = mul(asMatrix(args), s.ctm); break;
      case 'paintFormXObjectBegin': stack.push({ ...s }); s.ctm = mul(asMatrix(args[0]), s.ctm); break;
      case 'paintFormXObjectEnd': s = stack.pop() ?? s; break;
      case 'setFillRGBColor': s.fill = String(args[0]); break;
      case 'setStrokeRGBColor': s.stroke = String(args[0]); break;
      case 'setFillTransparent': s.fillAlpha = 0; break;
      case 'setStrokeTransparent': s.strokeAlpha = 0; break;
      case 'setGState':
        for (const [key, value] of (args[0] ?? []) as [string, unknown][]) {
          if (key === 'ca') s.fillAlpha = Number(value);
          if (key === 'CA') s.strokeAlpha = Number(value);
        }
        break;
      case 'setTextRenderingMode': s.mode = num(0); break;
      case 'beginText': tm = tlm = IDENTITY; break;
      case 'setFont': s.size = num(1); break;
      case 'setCharSpacing': s.charSpacing = num(0); break;
      case 'setWordSpacing': s.wordSpacing = num(0); break;
      case 'setHScale': s.hScale = num(0) / 100; break;
      case 'setLeading': s.leading = num(0); break;
      case 'setTextRise': s.rise = num(0); break;
      case 'setTextMatrix': tm = tlm = asMatrix(args.length >= 6 ? args : args[0]); break;
      case 'moveText': moveText(num(0), num(1)); break;
      case 'setLeadingMoveText': s.leading = -num(1); moveText(num(0), num(1)); break;
      case 'nextLine': moveText(0, -s.leading); break;
      case 'showText': tm = showText((args[0] ?? []) as (Glyph | number)[], s, tm, painted, out); break;
      case 'constructPath':
        path = (args[2] as ArrayLike<number>) ?? null;
        if (fillOps.has(args[0] as number) && s.fillAlpha > 0.5) paint(path, s.fill);
        break;
      case 'fill': case 'eoFill': case 'fillStroke': case 'eoFillStroke': case 'closeFillStroke': case 'closeEOFillStroke':
        if (s.fillAlpha > 0.5) paint(path, s.fill);
        break;
      case 'paintImageXObject': case 'paintInlineImageXObject': case 'paintJpegXObject': case 'paintImageXObjectRepeat':
      case 'paintImageMaskXObject': case 'paintSolidColorImageMask': case 'paintInlineImageXObjectGroup': case 'paintImageMaskXObjectGroup':
        paint([0, 0, 1, 1], null);
        break;
      case 'shadingFill': painted.push({ box: [-Infinity, -Infinity, Infinity, Infinity], colour: null }); break;
    }
  });
  return out;
}

/** One text-showing instruction: each glyph's characters, seen or not where it lands; the text matrix after it. */
function showText(glyphs: (Glyph | number)[], s: State, tm: Matrix, painted: Painted[], out: PageInk): Matrix {
  for (const g of glyphs) {
    if (typeof g === 'number') {
      tm = mul([1, 0, 0, 1, (-g / 1000) * s.size * s.hScale, 0], tm);
      continue;
    }
    if (!g) continue;
    const [x, y] = apply(mul(tm, s.ctm), 0, s.rise);
    const chars = (g.unicode ?? '').normalize('NFKC').replace(/\s+/g, '');
    if (chars) {
      const seen = seenAt(s, painted, x, y);
      out.chars += chars;
      for (let k = 0; k < chars.length; k++) out.seen.push(seen);
    }
    const advance = (((g.width ?? 0) * s.size) / 1000 + s.charSpacing + (g.isSpace ? s.wordSpacing : 0)) * s.hScale;
    tm = mul([1, 0, 0, 1, advance, 0], tm);
  }
  return tm;
}
