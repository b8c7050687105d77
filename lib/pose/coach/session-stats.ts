import type { SessionRecord } from '../../messaging/protocol';

export type { SessionRecord };

/** The summary of a session: its reps over its length. */
export function summarizeSession(exercise: string, startedAt: number, endedAt: number, reps: number): SessionRecord {
  const seconds = Math.max(0, Math.round((endedAt - startedAt) / 1000));
  return { exercise, startedAt, endedAt, reps, seconds, pacePerMinute: seconds >= 1 ? Math.round((reps / seconds) * 600) / 10 : 0 };
}

/** "2 min 05 s" — short enough for the panel. */
export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m} min ${String(s).padStart(2, '0')} s` : `${s} s`;
}

const COLUMNS = ['exercise', 'started', 'ended', 'reps', 'seconds', 'reps_per_minute'] as const;

/** A CSV cell: quoted when it holds a separator, a quote or a line break; formula starters are defused for spreadsheets. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && typeof value === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Sessions as CSV (RFC 4180, CRLF line ends), times as ISO 8601 UTC. */
export function sessionsToCsv(records: readonly SessionRecord[]): string {
  const rows = records.map((r) =>
    [r.exercise, new Date(r.startedAt).toISOString(), new Date(r.endedAt).toISOString(), r.reps, r.seconds, r.pacePerMinute].map(csvCell).join(','),
  );
  return [COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}
