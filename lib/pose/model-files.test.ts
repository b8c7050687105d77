import { describe, expect, it } from 'vitest';
import { POSE_MODELS } from '../messaging/protocol-values';
import { POSE_MODEL_FILES, poseModelFileNames } from './model-files';

describe('pose model files', () => {
  it('names the packaged graphs of every model once, BlazePose’s detector and landmark model included', () => {
    expect(Object.keys(POSE_MODEL_FILES).sort()).toEqual([...POSE_MODELS].sort());
    const names = poseModelFileNames();
    expect(names).toEqual(expect.arrayContaining(['movenet-lightning', 'blazepose-detector', 'blazepose-full']));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(5);
  });
});
