const MIB = 1024 * 1024;

/** S3's smallest part (the last part may be smaller). */
export const MIN_PART_SIZE = 5 * MIB;
/** S3's largest part. */
export const MAX_PART_SIZE = 5 * 1024 * MIB;
/** S3's most parts in one upload. */
export const MAX_PARTS = 10_000;
/** S3's largest object. */
export const MAX_OBJECT_SIZE = 5 * 1024 * 1024 * MIB;
/** The seed's advice: small parts resume with little lost, and a retry resends little. */
export const DEFAULT_PART_SIZE = 25 * MIB;

/** How a file is cut into parts. */
export interface PartLayout {
  readonly fileSize: number;
  /** Every part but the last has this size. */
  readonly partSize: number;
  /** 1 for a file that goes as one PutObject (`singlePut`). */
  readonly partCount: number;
  /** The file fits in one part: it is sent with one PutObject, not as a multipart upload. */
  readonly singlePut: boolean;
}

/**
 * The parts of a file of `fileSize` bytes with parts of `requestedPartSize`, grown to the next
 * MiB when the file would need more than 10,000 of them. Throws a RangeError naming `partSizeName`
 * for a part size S3 refuses, and for a file larger than S3's largest object.
 */
export function partLayout(fileSize: number, requestedPartSize: number = DEFAULT_PART_SIZE, partSizeName = 'partSize'): PartLayout {
  if (!Number.isSafeInteger(fileSize) || fileSize < 0) throw new RangeError(`fileSize must be a whole number of bytes >= 0 (got ${fileSize})`);
  if (!Number.isSafeInteger(requestedPartSize) || requestedPartSize < MIN_PART_SIZE || requestedPartSize > MAX_PART_SIZE) {
    throw new RangeError(`${partSizeName} must be a whole number of bytes from 5 MiB to 5 GiB, S3's limits for a part (got ${requestedPartSize})`);
  }
  if (fileSize > MAX_OBJECT_SIZE) {
    throw new RangeError(`the file is ${fileSize} bytes, more than S3's largest object (5 TiB, ${MAX_OBJECT_SIZE} bytes)`);
  }
  const smallestThatFits = Math.ceil(Math.ceil(fileSize / MAX_PARTS) / MIB) * MIB;
  const partSize = Math.max(requestedPartSize, smallestThatFits);
  if (fileSize <= partSize) return { fileSize, partSize, partCount: 1, singlePut: true };
  return { fileSize, partSize, partCount: Math.ceil(fileSize / partSize), singlePut: false };
}

/** The bytes of part `partNumber` (1-based): its first byte's offset and its length. */
export function partRange(layout: PartLayout, partNumber: number): { readonly start: number; readonly length: number } {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > layout.partCount) {
    throw new RangeError(`partNumber must be from 1 to ${layout.partCount} (got ${partNumber})`);
  }
  const start = (partNumber - 1) * layout.partSize;
  return { start, length: Math.min(layout.partSize, layout.fileSize - start) };
}
