// pose-detection imports @mediapipe/pose for BlazePose's MediaPipe runtime, which Hearth does not use (it loads
// its code from a CDN). This stub keeps that code out of the package; using it fails loudly.
export class Pose {
  constructor() {
    throw new Error('The MediaPipe runtime is not part of Hearth; pose runs on TF.js.');
  }
}
