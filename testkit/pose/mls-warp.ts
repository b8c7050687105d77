/**
 * Warping a real picture by moving handles: a moving-least-squares affine deformation (Schaefer, McPhail and Warren,
 * "Image deformation using moving least squares", 2006), computed backwards: for each output pixel, the affine map
 * that best carries the handles' new places to their old ones, weighted by closeness to that pixel, says where in the
 * source picture to read. Handles along a bone move the flesh around it with the bone; handles that do not move pin
 * the background. Pure arithmetic on RGB bytes, so it runs in Node with no image library (ffmpeg decodes and encodes).
 */
export interface Rgb {
  width: number;
  height: number;
  /** width × height × 3 bytes, rows top to bottom. */
  data: Uint8Array;
}

export interface Point {
  x: number;
  y: number;
}

/** A point of the source picture (`from`) and where it is to appear in the warped one (`to`). */
export interface Handle {
  from: Point;
  to: Point;
}

/** The part of the picture that may change (pixels outside it are copied); its edge should be pinned by handles. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Where the output pixel (x, y) reads from in the source. */
function sourceOf(handles: readonly Handle[], w: Float64Array, x: number, y: number): Point {
  let sw = 0;
  let qx = 0, qy = 0, px = 0, py = 0;
  for (let i = 0; i < handles.length; i++) {
    const h = handles[i]!;
    const dx = h.to.x - x, dy = h.to.y - y;
    const wi = 1 / (dx * dx + dy * dy + 1e-3);
    w[i] = wi;
    sw += wi;
    qx += wi * h.to.x; qy += wi * h.to.y; px += wi * h.from.x; py += wi * h.from.y;
  }
  qx /= sw; qy /= sw; px /= sw; py /= sw;
  // M = (Σ w q̂ᵀq̂)⁻¹ Σ w q̂ᵀp̂, row vectors: f(v) = (v − q*) M + p*.
  let a = 0, b = 0, d = 0, m11 = 0, m12 = 0, m21 = 0, m22 = 0;
  for (let i = 0; i < handles.length; i++) {
    const h = handles[i]!;
    const wi = w[i]!;
    const hx = h.to.x - qx, hy = h.to.y - qy, fx = h.from.x - px, fy = h.from.y - py;
    a += wi * hx * hx; b += wi * hx * hy; d += wi * hy * hy;
    m11 += wi * hx * fx; m12 += wi * hx * fy; m21 += wi * hy * fx; m22 += wi * hy * fy;
  }
  const det = a * d - b * b;
  if (Math.abs(det) < 1e-9) return { x: x - qx + px, y: y - qy + py }; // handles in a line: translate only
  const [i11, i12, i22] = [d / det, -b / det, a / det];
  const [n11, n12, n21, n22] = [i11 * m11 + i12 * m21, i11 * m12 + i12 * m22, i12 * m11 + i22 * m21, i12 * m12 + i22 * m22];
  const vx = x - qx, vy = y - qy;
  return { x: vx * n11 + vy * n21 + px, y: vx * n12 + vy * n22 + py };
}

/** Bilinear read of one channel-triple at a fractional place, clamped to the picture. */
function sample(src: Rgb, x: number, y: number, out: Uint8Array, at: number) {
  const cx = Math.min(Math.max(x, 0), src.width - 1.001);
  const cy = Math.min(Math.max(y, 0), src.height - 1.001);
  const x0 = Math.floor(cx), y0 = Math.floor(cy);
  const fx = cx - x0, fy = cy - y0;
  const i00 = (y0 * src.width + x0) * 3, i01 = i00 + 3, i10 = i00 + src.width * 3, i11 = i10 + 3;
  for (let c = 0; c < 3; c++) {
    const top = src.data[i00 + c]! * (1 - fx) + src.data[i01 + c]! * fx;
    const bottom = src.data[i10 + c]! * (1 - fx) + src.data[i11 + c]! * fx;
    out[at + c] = Math.round(top * (1 - fy) + bottom * fy);
  }
}

/** The picture with each handle's `from` moved to its `to`, changed only inside `box`. */
export function warp(src: Rgb, handles: readonly Handle[], box: Box): Rgb {
  const data = new Uint8Array(src.data);
  const w = new Float64Array(handles.length);
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const p = sourceOf(handles, w, x, y);
      sample(src, p.x, p.y, data, (y * src.width + x) * 3);
    }
  }
  return { width: src.width, height: src.height, data };
}

/** Handles that hold the box's edge still, every `step` pixels, so the warped part meets the untouched one. */
export function pinEdge(box: Box, step: number): Handle[] {
  const pins: Handle[] = [];
  const at = (x: number, y: number) => pins.push({ from: { x, y }, to: { x, y } });
  for (let x = box.x0; x <= box.x1; x += step) {
    at(x, box.y0);
    at(x, box.y1);
  }
  for (let y = box.y0 + step; y < box.y1; y += step) {
    at(box.x0, y);
    at(box.x1, y);
  }
  return pins;
}
