import { Checksums } from './part-checksum';
import { PartLayout, partRange } from './part-layout';

/** One part of an incomplete upload, as ListParts gives it. */
export interface ListedPart {
  readonly partNumber: number;
  readonly size: number;
  readonly etag: string;
  /** The checksums the server lists with it: none on servers without S3's additional checksums. */
  readonly checksums: Checksums;
}

/** What to make of an incomplete upload of the key: go on with it, or leave it as stale. */
export type ExistingUploadVerdict =
  /** Every part it holds is proven identical to the file's bytes at that place: those are reused. */
  | { readonly kind: 'resume'; readonly reused: readonly ListedPart[] }
  /** A part differs from the file, or cannot be proven identical: nothing of it is reused. */
  | { readonly kind: 'stale'; readonly why: string };

/**
 * Judges an incomplete upload against the local file cut as `layout`: a part is reused only when
 * its number, its size and its digest match (`proves` hashes the file's bytes, the costly step,
 * so sizes are checked first). One part that does not match makes the whole upload stale: the
 * file changed, or another program started it, and none of it may be stitched into the object.
 */
export async function judgeExistingUpload(
  layout: PartLayout, parts: readonly ListedPart[], proves: (part: ListedPart, start: number, length: number) => Promise<boolean>,
): Promise<ExistingUploadVerdict> {
  for (const part of parts) {
    if (part.partNumber > layout.partCount) {
      return { kind: 'stale', why: `it has part ${part.partNumber}, and the file has ${layout.partCount} parts of ${layout.partSize} bytes` };
    }
    const { length } = partRange(layout, part.partNumber);
    if (part.size !== length) {
      return { kind: 'stale', why: `its part ${part.partNumber} is ${part.size} bytes where the file's is ${length} (another part size, or another file)` };
    }
  }
  for (const part of parts) {
    const { start, length } = partRange(layout, part.partNumber);
    if (!await proves(part, start, length)) {
      return { kind: 'stale', why: `its part ${part.partNumber} differs from bytes ${start} to ${start + length - 1} of the file (the file changed?)` };
    }
  }
  return { kind: 'resume', reused: [...parts].sort((a, b) => a.partNumber - b.partNumber) };
}
