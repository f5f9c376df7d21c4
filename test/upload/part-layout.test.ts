import {
  DEFAULT_PART_SIZE, MAX_OBJECT_SIZE, MAX_PART_SIZE, MAX_PARTS, MIN_PART_SIZE, partLayout, partRange,
} from '../../src/upload/part-layout';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

describe('partLayout: how a file is cut into parts', () => {
  test.each([
    ['a 0-byte file', 0, { partSize: DEFAULT_PART_SIZE, partCount: 1, singlePut: true }],
    ['a file under 5 MiB', 3 * MIB, { partSize: DEFAULT_PART_SIZE, partCount: 1, singlePut: true }],
    ['a file of exactly one part', DEFAULT_PART_SIZE, { partCount: 1, singlePut: true }],
    ['one byte over one part', DEFAULT_PART_SIZE + 1, { partCount: 2, singlePut: false }],
    ['1 GiB in 25 MiB parts', GIB, { partSize: 25 * MIB, partCount: 41, singlePut: false }],
  ])('%s', (_, size, expected) => {
    expect(partLayout(size)).toMatchObject({ fileSize: size, ...expected });
  });

  test('a file that would need more than 10,000 parts gets parts grown to the next MiB, and fits', () => {
    const size = 300 * GIB;
    const layout = partLayout(size);
    expect(layout.partSize).toBe(31 * MIB);
    expect(layout.partCount).toBeLessThanOrEqual(MAX_PARTS);
    expect(partLayout(size, 30 * MIB).partSize).toBe(31 * MIB);
  });

  test('the largest object fits in 10,000 parts, each within S3\'s limits', () => {
    const layout = partLayout(MAX_OBJECT_SIZE);
    expect(layout.partCount).toBeLessThanOrEqual(MAX_PARTS);
    expect(layout.partSize).toBeLessThanOrEqual(MAX_PART_SIZE);
    expect((layout.partCount - 1) * layout.partSize).toBeLessThan(MAX_OBJECT_SIZE);
  });

  test.each([
    [MIN_PART_SIZE - 1, /--part-size must be a whole number of bytes from 5 MiB to 5 GiB.*\(got 5242879\)/],
    [MAX_PART_SIZE + 1, /--part-size must be .*\(got 5368709121\)/],
    [MIN_PART_SIZE + 0.5, /--part-size must be a whole number/],
  ])('a part size S3 refuses (%d) is an error naming the option', (partSize, message) => {
    expect(() => partLayout(GIB, partSize, '--part-size')).toThrow(message);
  });

  test('a file larger than 5 TiB is an error that says so', () => {
    expect(() => partLayout(MAX_OBJECT_SIZE + 1)).toThrow(/more than S3's largest object \(5 TiB/);
  });
});

describe('partRange', () => {
  const layout = partLayout(12 * MIB + 5, 5 * MIB);

  test('every part but the last is partSize, and the parts cover the file exactly once', () => {
    const ranges = Array.from({ length: layout.partCount }, (_, i) => partRange(layout, i + 1));
    expect(ranges).toEqual([{ start: 0, length: 5 * MIB }, { start: 5 * MIB, length: 5 * MIB }, { start: 10 * MIB, length: 2 * MIB + 5 }]);
  });

  test.each([0, 4, 1.5])('part %d is out of range', partNumber => {
    expect(() => partRange(layout, partNumber)).toThrow(/partNumber must be from 1 to 3/);
  });
});
