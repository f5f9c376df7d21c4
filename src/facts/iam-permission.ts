/**
 * An IAM permission as this library grants it: the actions of one statement and what they apply
 * to. The audit's permissions (the monitor's and the organization's roles) and the uploader's
 * (ResilientBucket.grantResumableUpload) are written in it, and each grant turns `on` into its
 * resources.
 */
export interface IamPermission {
  readonly actions: readonly string[];
  /**
   * What the actions apply to: any resource (`*`, for actions that take none narrower), a bucket's
   * ARN (`arn:...:bucket`), or its objects' (`arn:...:bucket/<key pattern>`).
   */
  readonly on: IamPermissionScope;
}

/** What the actions of an IamPermission apply to. */
export type IamPermissionScope = 'any' | 'bucket' | 'objects';
