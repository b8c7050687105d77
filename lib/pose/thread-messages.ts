import type { PoseHostMessage, PoseSettings } from '../messaging/protocol';
import type { FrameLike } from './host/frame-source';

/** Between the offscreen host and its pose worker (same extension, same page: not part of the public protocol). */
export type ToPoseWorker =
  | { type: 'start'; settings: PoseSettings; frames: ReadableStream<FrameLike>; remembered: Record<string, string>; cores: number }
  | { type: 'stop' }
  | { type: 'status'; id: number };

export type FromPoseWorker =
  | { type: 'host'; message: PoseHostMessage }
  | { type: 'remember'; key: string; value: string }
  | { type: 'status'; id: number; numTensors: number };

/**
 * The pose worker also broadcasts each 'poses' message here. A BroadcastChannel reaches only pages of Hearth's own
 * origin (the overlay views), straight from the worker: no stop on the host page's thread, which every Hearth page
 * shares, nor in the browser process, as a port message makes. The port still carries every message.
 */
export const POSE_FRAMES_CHANNEL = 'hearth:pose-frames';
