import { AuditReport, BucketReport, UploadReport } from '../report';

/** The whole report as JSON, upload list included, bytes exact; 2-space indent, ending with a newline. */
export function renderJson(report: AuditReport): string {
  return [...renderJsonChunks(report)].join('');
}

/**
 * The same text as `renderJson`, in pieces of about `chunkSize` characters,
 * so that a report of 100,000 uploads is written without first being built
 * as one string (and then as one buffer) in memory.
 */
export function* renderJsonChunks(report: AuditReport, options: JsonChunksOptions = {}): Generator<string> {
  const chunkSize = options.chunkSize ?? 64 * 1024;
  const uploadsOf = options.uploadsOf ?? ((bucket: BucketReport) => bucket.uploadList);
  let pending: string[] = [];
  let length = 0;
  for (const piece of jsonPieces(report, uploadsOf)) {
    pending.push(piece);
    length += piece.length;
    if (length >= chunkSize) {
      yield pending.join('');
      pending = [];
      length = 0;
    }
  }
  if (pending.length > 0) yield pending.join('');
}

export interface JsonChunksOptions {
  /** About this many characters per piece; default 64 Ki. */
  readonly chunkSize?: number;
  /** Where each bucket's uploads come from; default its `uploadList`. */
  readonly uploadsOf?: (bucket: BucketReport) => Iterable<UploadReport>;
}

/** JSON.stringify(report, null, 2) + '\n', one bucket and one upload at a time. */
function* jsonPieces(report: AuditReport, uploadsOf: (bucket: BucketReport) => Iterable<UploadReport>): Generator<string> {
  const { buckets, ...head } = report;
  yield `${withoutClosingBrace(JSON.stringify(head, null, 2), 0)},\n  "buckets": [`;
  for (const [b, bucket] of buckets.entries()) {
    // `stopped` is for programs: in the report, `error` says it, as it always has.
    const { uploadList: _, stopped: _stopped, ...fields } = bucket;
    yield `${b > 0 ? ',' : ''}\n    ${withoutClosingBrace(indented(JSON.stringify(fields, null, 2), 4), 4)},\n      "uploadList": [`;
    let count = 0;
    for (const upload of uploadsOf(bucket)) {
      yield `${count++ > 0 ? ',' : ''}\n        ${indented(JSON.stringify(upload, null, 2), 8)}`;
    }
    yield count > 0 ? '\n      ]\n    }' : ']\n    }';
  }
  yield buckets.length > 0 ? '\n  ]\n}\n' : ']\n}\n';
}

/** Moves every line after the first `spaces` to the right (JSON strings hold no raw newlines). */
function indented(json: string, spaces: number): string {
  return json.replace(/\n/g, `\n${' '.repeat(spaces)}`);
}

/** `{ ... \n<indent>}` without its last line, so that more fields can follow. */
function withoutClosingBrace(json: string, spaces: number): string {
  return json.slice(0, -(spaces + 2));
}
