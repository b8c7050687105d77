import { describe, expect, it } from 'vitest';
import { describeCameraError } from './camera-error';

const domError = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('describeCameraError', () => {
  it('turns each getUserMedia failure into its own message', () => {
    expect(describeCameraError(domError('NotAllowedError'))).toEqual({ title: 'Camera blocked', message: expect.stringMatching(/may not use the camera/), needsPermission: true });
    // Said the same on the camera page and in the overlay: no "on Hearth's camera page" while the user is on it.
    expect(describeCameraError(domError('NotAllowedError')).message).not.toMatch(/camera page/);
    expect(describeCameraError(domError('NotFoundError')).message).toMatch(/No camera was found/);
    expect(describeCameraError(domError('NotReadableError')).message).toMatch(/busy/);
    expect(describeCameraError(domError('TypeError', 'odd')).message).toBe('The camera could not start: odd');
    expect(describeCameraError(domError('NotReadableError'))).toMatchObject({ title: 'Camera busy', needsPermission: false });
  });
});
