import type { ErrorCode, WireError } from './protocol';

/** Base of every error Hearth shows a user: one subclass per failure, each with a message a user can act on. */
export class HearthError extends Error {
  readonly code: ErrorCode = 'internal';
  toWire(): WireError {
    return { code: this.code, message: this.message };
  }
}

export class SenderRefusedError extends HearthError {
  override readonly code = 'sender-refused';
}
export class BadRequestError extends HearthError {
  override readonly code = 'bad-request';
}
export class HostUnavailableError extends HearthError {
  override readonly code = 'host-unavailable';
}
export class NoModelError extends HearthError {
  override readonly code = 'no-model';
}
export class ModelDownloadError extends HearthError {
  override readonly code = 'model-download';
}
export class ModelLoadError extends HearthError {
  override readonly code = 'model-load';
}
export class WebGpuUnavailableError extends HearthError {
  override readonly code = 'webgpu-unavailable';
}
/**
 * A WebLLM model library (executable GPU code fetched from GitHub) has no pinned hash in this build, or its bytes do
 * not match the pinned SHA-256: Hearth refuses to run it (lib/llm/webllm-libs.ts).
 */
export class ModelLibIntegrityError extends HearthError {
  override readonly code = 'model-lib-integrity';
}
export class GenerationError extends HearthError {
  override readonly code = 'generation';
}
export class AbortedError extends HearthError {
  override readonly code = 'aborted';
}
export class InternalError extends HearthError {
  override readonly code = 'internal';
}
export class StorageQuotaError extends HearthError {
  override readonly code = 'storage-quota';
}
export class DeviceLostError extends HearthError {
  override readonly code = 'device-lost';
}
export class NotFoundError extends HearthError {
  override readonly code = 'not-found';
}
export class CameraError extends HearthError {
  override readonly code = 'camera';
}
/** The camera is refused to Hearth's origin: the fix is to allow it once from an extension page. */
export class CameraPermissionError extends HearthError {
  override readonly code = 'camera-permission';
}

/** Too many requests are already waiting for the model: this one is refused at once rather than queued. */
export class BusyError extends HearthError {
  override readonly code = 'busy';
}

/** The prompt is longer than the model's context: the caller should send less (a summary splits smaller). */
export class ContextOverflowError extends HearthError {
  override readonly code = 'context-overflow';
}

/** A generation made no progress for longer than it could take (a stuck engine): it was stopped and the model freed. */
export class GenerationStalledError extends HearthError {
  override readonly code = 'generation-stalled';
}

const byCode: Record<ErrorCode, new (message: string) => HearthError> = {
  'sender-refused': SenderRefusedError,
  'bad-request': BadRequestError,
  'host-unavailable': HostUnavailableError,
  'no-model': NoModelError,
  'model-download': ModelDownloadError,
  'model-load': ModelLoadError,
  'webgpu-unavailable': WebGpuUnavailableError,
  'model-lib-integrity': ModelLibIntegrityError,
  generation: GenerationError,
  aborted: AbortedError,
  internal: InternalError,
  'storage-quota': StorageQuotaError,
  'device-lost': DeviceLostError,
  'not-found': NotFoundError,
  camera: CameraError,
  'camera-permission': CameraPermissionError,
  busy: BusyError,
  'context-overflow': ContextOverflowError,
  'generation-stalled': GenerationStalledError,
};

/** Anything thrown → the wire form. Unknown errors keep their message but are marked internal. */
export function toWireError(err: unknown): WireError {
  if (err instanceof HearthError) return err.toWire();
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message: `Unexpected error: ${message}` };
}

/** The wire form → an instance of the matching class, so callers can branch with `instanceof`. */
export function fromWireError(wire: WireError): HearthError {
  const Cls = byCode[wire.code] ?? InternalError;
  return new Cls(wire.message);
}
