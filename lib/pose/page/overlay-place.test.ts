import { describe, expect, it } from 'vitest';
import { fitPlace } from './overlay-place';

describe('fitPlace', () => {
  it('keeps a remembered overlay on screen and within the size limits', () => {
    const viewport = { width: 800, height: 600 };
    expect(fitPlace({ left: 100, top: 50, width: 400, height: 300 }, viewport)).toEqual({ left: 100, top: 50, width: 400, height: 300 });
    // Saved in a bigger window: pulled back inside this one.
    expect(fitPlace({ left: 1500, top: 900, width: 400, height: 300 }, viewport)).toEqual({ left: 400, top: 300, width: 400, height: 300 });
    expect(fitPlace({ left: -20, top: -5, width: 5000, height: 10 }, viewport)).toEqual({ left: 0, top: 0, width: 800, height: 220 });
    // Only resized, never moved: it stays anchored to the corner.
    expect(fitPlace({ width: 300, height: 250 }, viewport)).toEqual({ width: 300, height: 250, left: undefined, top: undefined });
  });
});
