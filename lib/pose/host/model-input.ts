import type { PoseModelName } from '../../messaging/protocol';
import type { FrameLike } from './frame-source';

/**
 * The longest side of the picture the model is given. MoveNet crops and resizes to 192 px (Lightning) or 256 px
 * (Thunder, MultiPose) itself; reading a whole 576–1280 px camera frame into a tensor first cost more than the model's
 * own resize. Lightning gets its own input size: drawing and reading a 192 px frame took 2.2–2.4 ms against 3.3–4.5 ms
 * at 256 (worker, camera frames, bench/probe/pose-model.ts), and on the bundled clip its mean error stayed at 2.9 px
 * (2.6–2.8 at 256, 2.6–2.7 at full size).
 */
const MODEL_INPUT_PX: Partial<Record<PoseModelName, number>> = { lightning: 192, thunder: 384, multipose: 320 };
export const modelInputPx = (model: PoseModelName) => MODEL_INPUT_PX[model] ?? 384;

export interface Context2dLike {
  canvas: { width: number; height: number };
  drawImage(image: unknown, x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): ImageData;
}

/** A frame as the model's input: scaled down (never up) to `maxSide`, with the factor to map keypoints back. */
export function createModelInput(maxSide: number, context: () => Context2dLike) {
  let ctx: Context2dLike | null = null;
  return (frame: FrameLike): { image: ImageData; scale: number } => {
    const scale = Math.min(1, maxSide / Math.max(frame.displayWidth, frame.displayHeight));
    const w = Math.round(frame.displayWidth * scale);
    const h = Math.round(frame.displayHeight * scale);
    ctx ??= context();
    if (ctx.canvas.width !== w || ctx.canvas.height !== h) [ctx.canvas.width, ctx.canvas.height] = [w, h];
    ctx.drawImage(frame, 0, 0, w, h);
    return { image: ctx.getImageData(0, 0, w, h), scale };
  };
}
