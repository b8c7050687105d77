import type { GenerateRequest, ModelSpec } from '../messaging/protocol';
import { sendCommand, type RuntimeLike } from '../messaging/commands';
import { streamGenerate, type GenerateHandlers, type GenerationHandle } from '../messaging/stream-client';
import type { PortLike } from '../messaging/port';
import { NoModelError } from '../messaging/errors';

/** What an in-page panel reaches the model host by: the content script's (or side panel's) runtime. */
export type PanelRuntime = Pick<RuntimeLike, 'sendMessage'> & { connect(info: { name: string }): PortLike };

export interface PanelDeps {
  runtime: PanelRuntime;
}

export const NO_MODEL_CHOSEN = 'No model is chosen yet. Click the Hearth icon in the toolbar and pick a model, then try again.';

/** The chosen model is up: its context size. Or it is a curated model not stored yet, which the panel offers to download. */
export type HostReady = { contextTokens: number; needsModel?: undefined } | { needsModel: ModelSpec };

/**
 * Make sure the model host is up and the chosen model is on this device before a panel sends it text. A curated model
 * that is not stored yet is hundreds of MB: the panel offers its download instead of starting it.
 */
export async function prepareHost(runtime: PanelRuntime): Promise<HostReady> {
  await sendCommand(runtime, 'background', 'host.ensure', undefined);
  const status = await sendCommand(runtime, 'host', 'llm.status', undefined);
  if (!status.model) throw new NoModelError(NO_MODEL_CHOSEN);
  const chosen = await sendCommand(runtime, 'host', 'llm.chosenModel', undefined);
  if (chosen.model && !chosen.model.custom && chosen.state?.cached === false) return { needsModel: chosen.model };
  return { contextTokens: status.model.contextTokens };
}

/**
 * Generate over the panel's own port, straight from here to the host. The host keeps a record of each prompt and
 * answer (`record`), so what reached the model can be checked (and "Ask a follow-up" names a summary by it).
 */
export const recordedGenerate = (runtime: PanelRuntime) => (request: GenerateRequest, handlers: GenerateHandlers): GenerationHandle =>
  streamGenerate((info) => runtime.connect(info) as never, request, handlers, { record: true });
