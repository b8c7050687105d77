import type { CommandName } from './protocol';
import { SenderRefusedError } from './errors';

/** The parts of `runtime.MessageSender` the checks read. */
export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
}

export type SenderKind = 'extension-page' | 'content-script' | 'pose-view';

/** The camera view's page: web-accessible, so it runs framed inside sites (the pose overlay). */
export const POSE_VIEW_PATH = '/pose-view.html';

/**
 * Who sent this? Our own extension pages (popup, side panel, offscreen, worker), the camera view (an extension page
 * framed in a site: a kind of its own), or one of our content scripts in a tab. Anything else (another extension, a
 * web page) is refused.
 */
export function classifySender(sender: SenderLike, extensionId: string): SenderKind {
  if (sender.id !== extensionId) {
    throw new SenderRefusedError('Refused a message from outside Hearth.');
  }
  const ownOrigin = `chrome-extension://${extensionId}`;
  if (sender.url?.split(/[?#]/)[0] === `${ownOrigin}${POSE_VIEW_PATH}`) return 'pose-view';
  if (sender.tab?.id !== undefined) {
    // Content scripts run in a tab; an extension page opened in a tab is still an extension page.
    return sender.url?.startsWith(`${ownOrigin}/`) ? 'extension-page' : 'content-script';
  }
  if (sender.url?.startsWith(`${ownOrigin}/`) || sender.origin === ownOrigin) return 'extension-page';
  throw new SenderRefusedError('Refused a message from an unknown context.');
}

/**
 * Which commands each kind of sender may use. Content scripts only ensure the host, read its status and offer the
 * pose overlay's one-time token.
 */
const contentScriptCommands: ReadonlySet<CommandName> = new Set<CommandName>([
  'host.ensure',
  'pose.grant',
  'host.ping',
  'llm.status',
  // The summary panel sizes its parts with the model's own token count: text in, a number out.
  'llm.countTokens',
  // The panel reads its page into the model's cache before the user asks (background priority; text in, a yes/no out).
  'llm.prime',
  // The panel's "Download <model>" button: the chosen model's state, and its download (no other model can be named).
  'llm.chosenModel',
  'llm.downloadChosen',
  // Its re-check first: the device measured again (a second or two of CPU), a verdict on the chosen model back.
  'llm.recheckChosen',
  // The panel's "Ask a follow-up": its summary and title in, whether the side panel opened out.
  'ask.followUp',
  // What content scripts once read and wrote in storage.local themselves (now for trusted contexts only): the
  // panel's finished summary for History, and the overlay's place. Each handler checks the frame too.
  'summary.record',
  'pose.place',
]);

/**
 * The camera view lives inside a site's page (a frame any page could also embed, though only the one Hearth opened
 * gets the camera): it needs the host, the pose commands and the coach's, never the chat, models, settings or
 * history. A view that was taken over must not be worth more than the camera it already shows.
 */
const poseViewCommands: ReadonlySet<CommandName> = new Set<CommandName>([
  'host.ensure',
  'host.ping',
  'pose.claim',
  'pose.close',
  'pose.status',
  'coach.notify',
  'coach.saveSession',
  'coach.exportSessions',
]);

export function assertSenderMayCall(kind: SenderKind, name: CommandName): void {
  if (kind === 'content-script' && !contentScriptCommands.has(name)) {
    throw new SenderRefusedError(`A page script may not call "${name}".`);
  }
  if (kind === 'pose-view' && !poseViewCommands.has(name)) {
    throw new SenderRefusedError(`The camera view may not call "${name}".`);
  }
}
