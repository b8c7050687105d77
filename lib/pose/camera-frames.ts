import { CameraError } from '../messaging/errors';

type Processor = new (init: { track: MediaStreamTrack }) => { readable: ReadableStream<VideoFrame> };

/**
 * A camera track's frames as a stream of VideoFrames, each with its capture timestamp. Chrome offers
 * MediaStreamTrackProcessor to pages (the standard only to workers) and cannot transfer a track to a worker, so the
 * page makes the stream and may transfer the stream itself.
 */
export function readCameraFrames(track: MediaStreamTrack): ReadableStream<VideoFrame> {
  const Ctor = (globalThis as { MediaStreamTrackProcessor?: Processor }).MediaStreamTrackProcessor;
  if (!Ctor) throw new CameraError('This browser cannot read camera frames (no MediaStreamTrackProcessor).');
  return new Ctor({ track }).readable;
}
