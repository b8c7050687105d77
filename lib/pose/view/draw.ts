import type { PoseKeypoint } from '../../messaging/protocol';
import { visibleLimbs } from '../skeleton';

export const SKELETON_COLOR = '#22ff88';
export const KEYPOINT_COLOR = '#ff2d95';

/**
 * Draw poses (in camera pixels) onto a canvas the size of the camera picture, over `picture` (the camera frame they
 * were found in) when given, else over nothing.
 */
export function drawPoses(ctx: CanvasRenderingContext2D, poses: PoseKeypoint[][], minScore: number, picture?: CanvasImageSource): void {
  if (picture) ctx.drawImage(picture, 0, 0, ctx.canvas.width, ctx.canvas.height);
  else ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const scale = Math.max(1, ctx.canvas.width / 320);
  ctx.lineWidth = 3 * scale;
  ctx.strokeStyle = SKELETON_COLOR;
  for (const pose of poses) {
    for (const [a, b] of visibleLimbs(pose, minScore)) {
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x, b.y);
      ctx.stroke();
    }
    ctx.fillStyle = KEYPOINT_COLOR;
    for (const k of pose) {
      if (k.score < minScore) continue;
      ctx.beginPath();
      ctx.arc(k.x, k.y, 4 * scale, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
}
