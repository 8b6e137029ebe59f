import { describe, expect, it } from 'vitest';
import { onBusyChange, othersBusy, trackBusy } from '../../src/bridges/worker-activity';

describe('worker activity (the camera slows down while other workers run)', () => {
  it('a worker is busy until its work settles, resolved or rejected', async () => {
    const seen: string[][] = [];
    const off = onBusyChange((b) => seen.push([...b]));
    let resolve!: () => void;
    let reject!: (e: Error) => void;
    const a = trackBusy('stt', new Promise<void>((r) => (resolve = r)));
    const b = trackBusy('llm', new Promise<void>((_, r) => (reject = r)));
    expect(othersBusy()).toBe(true);
    expect(othersBusy(['stt', 'llm'])).toBe(false);
    resolve();
    await a;
    expect(othersBusy(['llm'])).toBe(false);
    expect(othersBusy()).toBe(true);
    reject(new Error('x'));
    await expect(b).rejects.toThrow('x');
    await Promise.resolve();
    expect(othersBusy()).toBe(false);
    expect(seen.at(-1)).toEqual([]);
    off();
  });
});
