import { describe, expect, it } from 'vitest';
import { createModelInput, modelInputPx, type Context2dLike } from './model-input';

/** A 2D context that records what was drawn and returns an ImageData-like of the canvas size. */
function fakeContext() {
  const drawn: number[][] = [];
  const ctx: Context2dLike = {
    canvas: { width: 1, height: 1 },
    drawImage: (_image, x, y, w, h) => void drawn.push([x, y, w, h]),
    getImageData: (_x, _y, w, h) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }) as unknown as ImageData,
  };
  return { ctx, drawn };
}
const frame = (w: number, h: number) => ({ timestamp: 0, displayWidth: w, displayHeight: h, close() {} });

describe('model input', () => {
  it("gives Lightning its own input size, the bigger models more", () => {
    expect(modelInputPx('lightning')).toBe(192);
    expect(modelInputPx('thunder')).toBeGreaterThan(192);
  });

  it('scales the longest side down to the size and reports the factor keypoints are divided by', () => {
    const { ctx, drawn } = fakeContext();
    const toInput = createModelInput(192, () => ctx);
    const { image, scale } = toInput(frame(640, 480));
    expect(scale).toBeCloseTo(0.3);
    expect([image.width, image.height]).toEqual([192, 144]);
    expect(drawn).toEqual([[0, 0, 192, 144]]);
    expect([ctx.canvas.width, ctx.canvas.height]).toEqual([192, 144]);
  });

  it('never scales a small frame up', () => {
    const { ctx } = fakeContext();
    const { image, scale } = createModelInput(192, () => ctx)(frame(160, 120));
    expect(scale).toBe(1);
    expect([image.width, image.height]).toEqual([160, 120]);
  });
});
