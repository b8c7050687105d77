// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { luminance, pageTheme, parseRgb } from './page-theme';

afterEach(() => {
  document.body.removeAttribute('style');
  document.documentElement.removeAttribute('style');
  document.body.innerHTML = '';
});

describe('pageTheme', () => {
  it('is dark on a dark site and light on a light one, whatever the OS says', () => {
    document.body.style.backgroundColor = 'rgb(18, 18, 18)';
    expect(pageTheme(window)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(250, 248, 240)';
    expect(pageTheme(window)).toBe('light');
  });

  it('reads the root when the body is transparent; with neither coloured the page shows the white canvas', () => {
    document.documentElement.style.backgroundColor = 'rgb(30, 41, 59)';
    expect(pageTheme(window)).toBe('dark');
    document.documentElement.removeAttribute('style');
    expect(pageTheme(window)).toBe('light');
  });

  it('knows nothing under a background image (text on a photo could be either)', () => {
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    document.body.style.backgroundImage = 'linear-gradient(red, blue)';
    expect(pageTheme(window)).toBeNull();
  });
});

describe('colours', () => {
  it('parses computed colours and measures luminance as WCAG does', () => {
    expect(parseRgb('rgba(1, 2, 3, 0.5)')).toEqual([1, 2, 3, 0.5]);
    expect(parseRgb('rgb(1 2 3 / 0.25)')).toEqual([1, 2, 3, 0.25]);
    expect(parseRgb('color(display-p3 1 0 0)')).toBeNull();
    expect(luminance([255, 255, 255])).toBeCloseTo(1);
    expect(luminance([0, 0, 0])).toBe(0);
    expect(luminance([251, 146, 60])).toBeCloseTo(0.4, 1);
  });
});
