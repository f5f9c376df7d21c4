import { UploadReport } from './report';

const FLUSH_AT_CHARS = 64 * 1024;

/**
 * Uploads of a report kept out of the JavaScript heap: one JSON line each,
 * gathered per bucket into buffers of about 64 KiB. A JSON report of 100,000
 * uploads then costs about 20 MiB of buffers instead of 100,000 live objects,
 * which the garbage collector would make several times larger.
 */
export class UploadSpool {
  private readonly buckets = new Map<string, { chunks: Buffer[]; lines: string[]; chars: number }>();

  public add(bucket: string, upload: UploadReport): void {
    let held = this.buckets.get(bucket);
    if (!held) {
      held = { chunks: [], lines: [], chars: 0 };
      this.buckets.set(bucket, held);
    }
    const line = JSON.stringify(upload);
    held.lines.push(line);
    held.chars += line.length + 1;
    if (held.chars >= FLUSH_AT_CHARS) flush(held);
  }

  /** The bucket's uploads in the order they were added. */
  public *uploads(bucket: string): Generator<UploadReport> {
    const held = this.buckets.get(bucket);
    if (!held) return;
    flush(held);
    for (const chunk of held.chunks) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line !== '') yield JSON.parse(line) as UploadReport;
      }
    }
  }
}

function flush(held: { chunks: Buffer[]; lines: string[]; chars: number }): void {
  if (held.lines.length === 0) return;
  held.chunks.push(Buffer.from(held.lines.join('\n') + '\n', 'utf8'));
  held.lines = [];
  held.chars = 0;
}
