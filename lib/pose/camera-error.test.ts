import { describe, expect, it } from 'vitest';
import { describeCameraError } from './camera-error';

const domError = (name: string, message = '') => Object.assign(new Error(message), { name });

describe('describeCameraError', () => {
  it('turns each getUserMedia failure into its own message', () => {
    expect(describeCameraError(domError('NotAllowedError'))).toEqual({ message: expect.stringMatching(/may not use the camera/), needsPermission: true });
    expect(describeCameraError(domError('NotFoundError')).message).toMatch(/No camera was found/);
    expect(describeCameraError(domError('NotReadableError')).message).toMatch(/busy/);
    expect(describeCameraError(domError('TypeError', 'odd')).message).toBe('The camera could not start: odd');
    expect(describeCameraError(domError('NotReadableError')).needsPermission).toBe(false);
  });
});
