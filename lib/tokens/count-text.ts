import { ContextOverflowError } from '../messaging/errors';
import type { createTokenRatio } from './estimate';

type TokenRatio = ReturnType<typeof createTokenRatio>;

/** Longest text sent to `llm.countTokens` to calibrate: enough to learn the ratio, short enough to be quick. */
export const COUNT_SAMPLE_CHARS = 100_000;

/**
 * Ask the engine how many tokens the text makes and teach the ratio: exact for texts up to the sample size
 * (the returned count), a calibration for longer ones (null). Null too when the engine cannot count.
 */
export async function calibrateWithCount(
  ratio: TokenRatio,
  text: string,
  countTokens: ((text: string) => Promise<number | null>) | undefined,
): Promise<number | null> {
  if (!countTokens || !text) return null;
  const sample = text.slice(0, COUNT_SAMPLE_CHARS);
  let tokens: number | null;
  try {
    tokens = await countTokens(sample);
  } catch {
    return null; // counting is an optimisation: the estimate and the overflow retry still keep parts safe
  }
  if (!tokens || tokens <= 0) return null;
  ratio.learn(sample.length, tokens);
  return sample.length === text.length ? tokens : null;
}

/**
 * Run one step; when the engine refuses its prompt as longer than the context, make the ratio smaller and
 * return 'resplit' so the caller sizes again. At one token per byte there is nothing smaller to try: rethrow.
 */
export async function runOrResplit<T>(ratio: TokenRatio, sample: string, run: () => Promise<T>): Promise<T | 'resplit'> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof ContextOverflowError && ratio.shrink(sample)) return 'resplit';
    throw err;
  }
}
