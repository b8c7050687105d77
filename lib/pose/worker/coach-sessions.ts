import { BadRequestError, SenderRefusedError } from '../../messaging/errors';
import type { SenderKind } from '../../messaging/sender';
import type { SessionStore } from './session-store';
import { sessionsToCsv, type SessionRecord } from '../coach/session-stats';

interface SessionContext {
  kind: SenderKind;
  sender: { url?: string };
}

const isRecord = (r: unknown): r is SessionRecord => {
  const x = r as Partial<SessionRecord> | null;
  return (
    typeof x === 'object' && x !== null && typeof x.exercise === 'string' && x.exercise.length <= 40 &&
    [x.startedAt, x.endedAt, x.reps, x.seconds, x.pacePerMinute].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)
  );
};

/**
 * Exercise sessions live in the worker's IndexedDB (Hearth's origin, first-party): the camera view runs framed in a
 * site, where Chrome refuses it IndexedDB ("The user denied permission to access the database", a third-party
 * context). Only the view may add; any Hearth page may export.
 */
export function coachSessionHandlers(store: SessionStore, viewUrl: string) {
  const fromView = ({ kind, sender }: SessionContext) => kind === 'pose-view' && sender.url?.split(/[?#]/)[0] === viewUrl;
  return {
    'coach.saveSession': async ({ record }: { record: SessionRecord }, ctx: SessionContext) => {
      if (!fromView(ctx)) throw new SenderRefusedError('Only Hearth’s camera view may save an exercise session.');
      if (!isRecord(record)) throw new BadRequestError('That exercise session is malformed.');
      const { exercise, startedAt, endedAt, reps, seconds, pacePerMinute } = record;
      await store.add({ exercise, startedAt, endedAt, reps, seconds, pacePerMinute });
      return { ok: true as const };
    },
    'coach.exportSessions': async (_: void, ctx: SessionContext) => {
      if (ctx.kind === 'content-script') throw new SenderRefusedError('Only Hearth’s own pages may export exercise sessions.');
      return { csv: sessionsToCsv(await store.list()) };
    },
  };
}
