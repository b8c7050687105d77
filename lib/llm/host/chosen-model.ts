import type { BackendChoice, ModelSpec, ModelSpeeds, ModelState } from '../../messaging/protocol';
import { NoModelError } from '../../messaging/errors';
import { judgeDownload } from '../download-check';
import { CURATED_MODELS } from '../models';

/**
 * The chosen model's state and its download, for views that may not name a model (the summary panel runs as a
 * content script): they can only ever download what the user chose in Hearth.
 */
export function chosenModelHandlers(
  host: { status(): Promise<{ model: ModelSpec | null; backend: BackendChoice }> },
  models: { list(models: ModelSpec[]): Promise<ModelState[]>; download(model: ModelSpec): Promise<ModelState> },
  /** The device measured again (lib/llm/host/speed-book.ts speeds with `recheck`). */
  recheckSpeeds: () => Promise<ModelSpeeds>,
) {
  /** The model the user chose in Hearth, and the backend; a panel has nothing to download before there is one. */
  const chosen = async () => {
    const { model, backend } = await host.status();
    if (!model) throw new NoModelError('No model is chosen yet. Click the Hearth icon in the toolbar and pick a model.');
    return { model, backend };
  };
  return {
    'llm.chosenModel': async () => {
      const { model } = await host.status();
      return { model, state: model ? ((await models.list([model]))[0] ?? null) : null };
    },
    'llm.downloadChosen': async () => models.download((await chosen()).model),
    /**
     * The panels' re-check before their download: the same judgement as Models' (judgeDownload). A panel cannot
     * choose another model, so only a model too slow here is questioned (as if the user chose it: never "larger").
     */
    'llm.recheckChosen': async () => {
      const { model, backend } = await chosen();
      return judgeDownload(model, CURATED_MODELS, backend, await recheckSpeeds(), true);
    },
  };
}
