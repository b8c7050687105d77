import type {
  BackgroundCommands,
  CommandEnvelope,
  CommandMap,
  CommandName,
  CommandTarget,
  HostCommands,
  Result,
} from './protocol';
import { fromWireError, HostUnavailableError, toWireError } from './errors';
import { assertSenderMayCall, classifySender, type SenderKind, type SenderLike } from './sender';

type OwnedBy<T extends CommandTarget> = T extends 'background' ? keyof BackgroundCommands : keyof HostCommands;

export interface CommandContext {
  sender: SenderLike;
  kind: SenderKind;
}

export type CommandHandlers<T extends CommandTarget> = {
  [K in OwnedBy<T>]: (payload: CommandMap[K]['req'], ctx: CommandContext) => Promise<CommandMap[K]['res']>;
};

/** The part of `runtime` the messaging needs, so tests can hand in a fake. */
export interface RuntimeLike {
  id: string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(cb: (message: unknown, sender: SenderLike, sendResponse: (r: unknown) => void) => unknown): void;
    removeListener(cb: (...args: never[]) => unknown): void;
  };
}

function isEnvelope(message: unknown): message is CommandEnvelope {
  const m = message as Partial<CommandEnvelope> | null;
  return typeof m === 'object' && m !== null && m.hearth === 1 && typeof m.name === 'string';
}

/**
 * Answer the commands `target` owns. Messages for another context are left alone (no response), so the
 * worker and the offscreen host can both listen on `runtime.onMessage`. Every sender is checked first.
 */
export function registerCommandHandlers<T extends CommandTarget>(
  target: T,
  handlers: CommandHandlers<T>,
  runtime: RuntimeLike,
  onRefused: (name: string, sender: SenderLike) => void = () => {},
): () => void {
  const table = handlers as unknown as Record<string, (p: unknown, c: CommandContext) => Promise<unknown>>;
  const listener = (message: unknown, sender: SenderLike, sendResponse: (r: unknown) => void) => {
    if (!isEnvelope(message) || message.to !== target || !Object.hasOwn(table, message.name)) return undefined;
    const run = async (): Promise<Result<unknown>> => {
      let kind: SenderKind;
      try {
        kind = classifySender(sender, runtime.id);
        assertSenderMayCall(kind, message.name);
      } catch (err) {
        onRefused(message.name, sender);
        throw err;
      }
      return { ok: true, value: await table[message.name]!(message.payload, { sender, kind }) };
    };
    run().then(sendResponse, (err) => sendResponse({ ok: false, error: toWireError(err) }));
    return true; // keep the channel open for the async answer
  };
  runtime.onMessage.addListener(listener);
  return () => runtime.onMessage.removeListener(listener);
}

/** Send a command to the context that owns it; its typed error is rethrown here. */
export async function sendCommand<K extends CommandName>(
  runtime: Pick<RuntimeLike, 'sendMessage'>,
  to: CommandTarget,
  name: K,
  payload: CommandMap[K]['req'],
): Promise<CommandMap[K]['res']> {
  const envelope: CommandEnvelope<K> = { hearth: 1, to, name, payload };
  let answer: Result<CommandMap[K]['res']> | undefined;
  try {
    answer = (await runtime.sendMessage(envelope)) as Result<CommandMap[K]['res']> | undefined;
  } catch (err) {
    throw new HostUnavailableError(
      `Hearth's ${to === 'host' ? 'models' : 'background part'} did not answer (${(err as Error).message}). Try again.`,
    );
  }
  if (!answer) {
    throw new HostUnavailableError(`Hearth's ${to === 'host' ? 'models are' : 'background part is'} not running. Try again.`);
  }
  if (!answer.ok) throw fromWireError(answer.error);
  return answer.value;
}
