import type { PoseHostMessage, PoseSettings } from '../../messaging/protocol';
import type { FrameLike } from './frame-source';

/** Between the offscreen host and its pose worker (same extension, same page: not part of the public protocol). */
export type ToPoseWorker =
  | { type: 'start'; settings: PoseSettings; frames: ReadableStream<FrameLike>; remembered: Record<string, string>; cores: number }
  | { type: 'stop' }
  | { type: 'status'; id: number };

export type FromPoseWorker =
  | { type: 'host'; message: PoseHostMessage }
  | { type: 'remember'; key: string; value: string }
  | { type: 'status'; id: number; numTensors: number };
