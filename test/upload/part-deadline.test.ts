import { partDeadlineMs, SLOWEST_PART_BYTES_PER_SECOND } from '../../src/upload/part-deadline';

describe('partDeadlineMs: each attempt at a part is cut at a deadline sized to it', () => {
  test('the read timeout, plus the part at the slowest rate it may travel', () => {
    expect(SLOWEST_PART_BYTES_PER_SECOND).toBe(65_536);
    expect(partDeadlineMs(25 * 1024 * 1024, 60_000)).toBe(60_000 + 400_000);
    expect(partDeadlineMs(0, 60_000)).toBe(60_000);
    expect(partDeadlineMs(5 * 1024 ** 3, 60_000)).toBe(60_000 + 81_920_000);
  });

  test('a part one byte bigger never gets less time', () => {
    for (const bytes of [1, 1000, 65_535, 65_536, 65_537]) {
      expect(partDeadlineMs(bytes + 1, 1000)).toBeGreaterThanOrEqual(partDeadlineMs(bytes, 1000));
    }
  });
});
