import type { ModelSpec } from '../messaging/protocol';
import { ModelDownloadError, ModelLoadError } from '../messaging/errors';
import { readGgufInfo, type GgufInfo } from '../gguf/info';

/** The context an added model gets when its file does not say (or cannot be read before downloading). */
export const DEFAULT_CUSTOM_CONTEXT = 2048;
/** Never more than this: the KV cache grows with it (a 3B model at 4,096 tokens already needs about 0.5 GB more). */
export const CUSTOM_CONTEXT_CAP = 4096;
const HEAD_BYTES = 8 * 2 ** 20;

/**
 * Before an added GGUF model is kept, read the start of its file (a Range request for at most 8 MB, cancelled as soon
 * as the metadata is read): a wrong address or a file that is not GGUF is refused now, with its reason, and the model
 * gets the context it was trained with (up to CUSTOM_CONTEXT_CAP) and its size. A server that cannot be reached is
 * refused too: the model would otherwise become the chosen one and only fail at its first use.
 */
export async function inspectGguf(spec: ModelSpec, fetchFn: typeof fetch): Promise<ModelSpec> {
  let response: Response;
  try {
    response = await fetchFn(spec.source, { headers: { Range: `bytes=0-${HEAD_BYTES - 1}` }, cache: 'no-store' });
  } catch {
    // Unreachable (offline, a wrong host, a closed port): refused like a wrong file, not kept as the model to use.
    throw new ModelDownloadError(`Could not reach ${hostOf(spec.source)} to check ${spec.label}. Check the address and that you are online, then add it again.`);
  }
  if (!response.ok || !response.body) {
    throw new ModelDownloadError(`The server answered ${response.status} for ${spec.label}. Check the address.`);
  }
  const reader = response.body.getReader();
  let head = new Uint8Array(0);
  let info: GgufInfo | null = null;
  try {
    while (head.length < HEAD_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      const next = new Uint8Array(head.length + value.length);
      next.set(head);
      next.set(value, head.length);
      head = next;
      if (head.length < 4) continue;
      info = readGgufInfo(head);
      if (!info) throw new ModelLoadError(`${spec.label} is not a GGUF model file. Check that the address points to a .gguf file.`);
      if (info.contextLength) break;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
  const total = response.status === 206 ? Number(/\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1]) : Number(response.headers.get('content-length'));
  return {
    ...spec,
    contextTokens: Math.min(info?.contextLength ?? DEFAULT_CUSTOM_CONTEXT, CUSTOM_CONTEXT_CAP),
    ...(total > 0 ? { sizeBytes: total } : {}),
  };
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
};
