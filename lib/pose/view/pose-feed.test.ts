import { expect, it } from 'vitest';
import { createPoseFeed } from './pose-feed';

it('hands each frame to every listener until it unsubscribes', () => {
  const feed = createPoseFeed();
  const seen: Array<[string, number | undefined, number]> = [];
  const stopA = feed.subscribe((pose, t) => seen.push(['a', pose?.length, t]));
  feed.subscribe((pose, t) => seen.push(['b', pose?.length, t]));
  feed.emit([{ name: 'nose', x: 1, y: 2, score: 0.9 }], 10);
  stopA();
  feed.emit(undefined, 20);
  expect(seen).toEqual([['a', 1, 10], ['b', 1, 10], ['b', undefined, 20]]);
});
