import { createLimiter } from '../../src/s3/limiter';

/** A task that stays in flight until `finish()` is called. */
function gate() {
  let finish!: () => void;
  const done = new Promise<void>(resolve => { finish = resolve; });
  return { task: () => done, finish };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('createLimiter', () => {
  test('runs at most `concurrency` tasks at once, the rest in order', async () => {
    // GIVEN
    const limit = createLimiter(2);
    const gates = [gate(), gate(), gate()];
    const started: number[] = [];
    // WHEN
    const runs = gates.map((g, i) => limit(async () => { started.push(i); await g.task(); }));
    await tick();
    // THEN
    expect(started).toEqual([0, 1]);
    gates[1].finish();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0].finish();
    gates[2].finish();
    await Promise.all(runs);
  });

  test('a throttle halves the limit once for the requests already in flight', async () => {
    // GIVEN
    const limit = createLimiter(8);
    // WHEN: all eight requests in flight are throttled
    for (let i = 0; i < 8; i++) limit.throttled();
    // THEN
    expect(limit.stats).toEqual({ limit: 4, lowestLimit: 4, throttles: 8 });
  });

  test('a throttle after a window of new requests halves it again, down to 1', async () => {
    // GIVEN
    const limit = createLimiter(4);
    limit.throttled();
    // WHEN: a window of two requests goes through (the limit grows to 3), then two throttles
    await Promise.all([limit(async () => undefined), limit(async () => undefined)]);
    expect(limit.stats.limit).toBe(3);
    limit.throttled();
    limit.throttled();
    // THEN
    expect(limit.stats).toEqual({ limit: 1, lowestLimit: 1, throttles: 3 });
  });

  test('fewer tasks run at once after a throttle', async () => {
    // GIVEN
    const limit = createLimiter(4);
    limit.throttled();
    const gates = [gate(), gate(), gate()];
    let running = 0;
    let most = 0;
    // WHEN
    const runs = gates.map(g => limit(async () => { most = Math.max(most, ++running); await g.task(); running--; }));
    await tick();
    gates.forEach(g => g.finish());
    await Promise.all(runs);
    // THEN
    expect(most).toBe(2);
  });

  test('the limit grows back by one per window of tasks without a throttle, up to the concurrency', async () => {
    // GIVEN
    const limit = createLimiter(4);
    limit.throttled();
    expect(limit.stats.limit).toBe(2);
    // WHEN
    for (let i = 0; i < 2; i++) await limit(async () => undefined);
    // THEN
    expect(limit.stats.limit).toBe(3);
    for (let i = 0; i < 3; i++) await limit(async () => undefined);
    expect(limit.stats.limit).toBe(4);
    for (let i = 0; i < 20; i++) await limit(async () => undefined);
    expect(limit.stats).toEqual({ limit: 4, lowestLimit: 2, throttles: 1 });
  });

  test('a failing task frees its slot', async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(limit(async () => 7)).resolves.toBe(7);
  });

  test.each([0, -1, 1.5, NaN])('refuses a concurrency of %p', concurrency => {
    expect(() => createLimiter(concurrency)).toThrow(`concurrency must be a whole number >= 1 (got ${concurrency})`);
  });
});
