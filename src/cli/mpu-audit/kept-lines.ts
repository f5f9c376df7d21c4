import { keptUploads } from '../../audit/abort-orphans';
import { AuditReport } from '../../audit/report';
import { ReviewedReport } from '../../audit/report-file';

/**
 * What `--abort` (dry run or not) left alone on purpose: one line per kept orphan with its
 * reason, so that nobody has to read the JSON to see why an old upload is still there.
 */
export function keptLines(report: Pick<AuditReport, 'buckets'> | ReviewedReport): string[] {
  const kept = keptUploads(report);
  if (kept.length === 0) return [];
  return [
    `mpu-audit: --abort keeps ${kept.length} orphaned upload(s) on purpose (--exclude-prefix, --keep-initiator) and never aborts them:\n`,
    ...kept.map(k => `  kept s3://${k.bucket}/${k.key} (upload ${k.uploadId}${k.bytes === null ? '' : `, ${k.bytes} bytes`}): ${k.reason}\n`),
  ];
}
