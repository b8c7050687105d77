import { describe, expect, it } from 'vitest';
import { hostWaitText } from './wait-status';

const wait = { queuedBehind: 0, progress: null };

describe('hostWaitText', () => {
  it('says what the panel waits for while the model host is not answering yet', () => {
    expect(hostWaitText('connecting', wait)).toBe('Starting the model…');
    expect(hostWaitText('needs-model', wait, 'Writing help needs Hearth’s model on this device.')).toBe('Writing help needs Hearth’s model on this device.');
    expect(hostWaitText('queued', { ...wait, queuedBehind: 1 })).toBe('Waiting for 1 other request to finish…');
    expect(hostWaitText('loading', wait)).toBe('Loading the model…');
    expect(hostWaitText('loading', { ...wait, progress: { modelId: 'm', loadedBytes: 1, totalBytes: 100, phase: 'init' } })).toBe('Loading the model…');
    expect(hostWaitText('loading', { ...wait, progress: { modelId: 'm', loadedBytes: 5 * 1024 * 1024, totalBytes: 20 * 1024 * 1024, phase: 'download' } }))
      .toBe('Loading the model: 25% (5.0 MB of 20 MB)');
  });
});
