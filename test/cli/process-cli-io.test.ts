import { PassThrough } from 'node:stream';
import { writeWithBackpressure } from '../../src/cli/process-cli-io';

describe('writeWithBackpressure', () => {
  test('returns nothing while the stream takes more, and a promise of the drain when it is full', async () => {
    // GIVEN
    const stream = new PassThrough({ highWaterMark: 8 });
    // WHEN
    const first = writeWithBackpressure(stream, 'abc');
    const second = writeWithBackpressure(stream, 'a piece longer than the buffer');
    // THEN
    expect(first).toBeUndefined();
    expect(second).toBeInstanceOf(Promise);
    let drained = false;
    void second!.then(() => { drained = true; });
    await new Promise(resolve => setImmediate(resolve));
    expect(drained).toBe(false);
    stream.read();
    await second;
    expect(drained).toBe(true);
  });

  test('a stream that closes instead of draining does not leave the writer waiting', async () => {
    const stream = new PassThrough({ highWaterMark: 4 });
    const waiting = writeWithBackpressure(stream, 'more than four');
    stream.destroy();
    await expect(waiting).resolves.toBeUndefined();
  });
});
