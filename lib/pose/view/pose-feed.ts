import type { NamedKeypoint } from '../coach/angles';

export type PoseListener = (pose: readonly NamedKeypoint[] | undefined, capturedAt: number) => void;

/**
 * The view hands each frame's first pose (or none) to whoever listens (the coach), without knowing who does: the
 * frame pipeline and the coach can change apart.
 */
export function createPoseFeed() {
  const listeners = new Set<PoseListener>();
  return {
    emit(pose: readonly NamedKeypoint[] | undefined, capturedAt: number) {
      for (const l of listeners) l(pose, capturedAt);
    },
    subscribe(listener: PoseListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type PoseFeed = ReturnType<typeof createPoseFeed>;
