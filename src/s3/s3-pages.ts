import type { ListMultipartUploadsCommandOutput, ListPartsCommandOutput, MultipartUpload, Part } from './aws-sdk';

const UPLOAD_GONE = new Set(['NoSuchUpload', 'NoSuchKey']);

/** ListParts' answer for an upload completed or aborted meanwhile: AWS says NoSuchUpload, Ceph RGW NoSuchKey. */
export function isUploadGone(error: unknown): boolean {
  return UPLOAD_GONE.has((error as { name?: string } | undefined)?.name ?? '');
}

/**
 * Every page of ListMultipartUploads, following both markers; `request` sends one page's request.
 * A server that says there is more but gives the same markers again is an error naming `where`.
 */
export async function* uploadPages(
  request: (keyMarker: string | undefined, uploadIdMarker: string | undefined) => Promise<ListMultipartUploadsCommandOutput>, where: string,
): AsyncGenerator<MultipartUpload[]> {
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await request(keyMarker, uploadIdMarker);
    yield page.Uploads ?? [];
    // Some servers send the markers on the last page too: only IsTruncated says there is more.
    if (!page.IsTruncated) return;
    if (page.NextKeyMarker === keyMarker && page.NextUploadIdMarker === uploadIdMarker) {
      throw new Error(`ListMultipartUploads on ${where} said there is more but gave the same markers again`);
    }
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}

/** Every page of ListParts, following the marker; the same marker twice is an error naming `where`. */
export async function* partPages(request: (marker: string | undefined) => Promise<ListPartsCommandOutput>, where: string): AsyncGenerator<Part[]> {
  let marker: string | undefined;
  for (;;) {
    const page = await request(marker);
    yield page.Parts ?? [];
    if (!page.IsTruncated) return;
    if (page.NextPartNumberMarker === marker) throw new Error(`ListParts on ${where} said there is more but gave the same marker again`);
    marker = page.NextPartNumberMarker;
  }
}
