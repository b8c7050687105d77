import { CameraError } from '../messaging/errors';

type Processor = new (init: { track: MediaStreamTrack; maxBufferSize?: number }) => { readable: ReadableStream<VideoFrame> };

/**
 * A camera track's frames as a stream of VideoFrames, each with its capture timestamp. Chrome offers
 * MediaStreamTrackProcessor to pages (the standard only to workers) and cannot transfer a track to a worker, so the
 * page makes the stream and may transfer the stream itself. `maxBufferSize` frames wait in the processor while
 * nobody reads (older ones are dropped): 1 for the model, which wants the newest frame, not a queue of stale ones to
 * drain one thread hop at a time after each inference.
 */
export function readCameraFrames(track: MediaStreamTrack, maxBufferSize?: number): ReadableStream<VideoFrame> {
  const Ctor = (globalThis as { MediaStreamTrackProcessor?: Processor }).MediaStreamTrackProcessor;
  if (!Ctor) throw new CameraError('This browser cannot read camera frames (no MediaStreamTrackProcessor).');
  return new Ctor({ track, ...(maxBufferSize ? { maxBufferSize } : {}) }).readable;
}
