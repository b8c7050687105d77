import { readFileSync } from 'node:fs';

export interface NetRequest {
  url: string;
  /** The origin that asked for it; Chromium's own requests (updates, accounts) have none. */
  initiator: string | null;
}

/** The Chromium flags that write every network request of the browser to `path` (complete once it exits). */
export const netLogArgs = (path: string) => [`--log-net-log=${path}`, '--net-log-capture-mode=Default'];

/** Every request the browser started, with who started it, from a NetLog file. */
export function readNetLog(path: string): NetRequest[] {
  const log = JSON.parse(readFileSync(path, 'utf8')) as {
    constants: { logEventTypes: Record<string, number> };
    events: Array<{ type: number; params?: { url?: string; initiator?: string } }>;
  };
  const start = log.constants.logEventTypes.URL_REQUEST_START_JOB;
  return log.events
    .filter((e) => e.type === start && e.params?.url)
    .map((e) => ({ url: e.params!.url!, initiator: e.params!.initiator?.includes('://') ? e.params!.initiator! : null }));
}
