/**
 * The S3 permissions each mode of the audit needs, with the resources they apply to.
 * The monitor's role and the organization's member role are built from these, and a
 * test checks them against the least-privilege policies of docs/mpu-audit.md, so the three agree.
 */
export interface AuditPermission {
  readonly actions: readonly string[];
  /** What the actions apply to: every bucket, every object, or any resource (`*`). */
  readonly on: 'any' | 'buckets' | 'objects';
}

/** What a read-only audit needs. */
export const READ_PERMISSIONS: readonly AuditPermission[] = [
  { actions: ['s3:ListAllMyBuckets'], on: 'any' },
  { actions: ['s3:GetBucketLocation', 's3:ListBucketMultipartUploads', 's3:GetLifecycleConfiguration', 's3:GetBucketTagging'], on: 'buckets' },
  { actions: ['s3:ListMultipartUploadParts'], on: 'objects' },
];

/** What aborting orphans (`--abort --yes`) adds. */
export const ABORT_PERMISSION: AuditPermission = { actions: ['s3:AbortMultipartUpload'], on: 'objects' };

/** What adding the abort rule (`--fix-lifecycle --yes`) adds. */
export const FIX_LIFECYCLE_PERMISSION: AuditPermission = { actions: ['s3:PutLifecycleConfiguration'], on: 'buckets' };
