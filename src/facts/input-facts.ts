/**
 * What construct props and CLI options are checked against, in one place for both: the CLI
 * cannot load aws-cdk-lib, so this imports nothing.
 */

/**
 * An AWS region name: a code of 2 to 4 letters (4 for the European Sovereign Cloud's
 * `eusc-de-east-1`), one or more parts of lowercase letters, a number. It matches every region of
 * every partition (`eu-west-1`, `us-gov-west-1`, `cn-north-1`, `us-isob-east-1`, ...) and refuses
 * the usual typos (`eu-west`, `EU-WEST-1`, `eu_west_1`, `eu-west-1a`).
 */
export const REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;

/** How a message shows what REGION_NAME takes. */
export const REGION_NAME_EXAMPLE = 'eu-west-1';

/** An IAM role name (without path): 1 to 64 letters, digits and + = , . @ _ - */
export const IAM_ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

/** How a message says what IAM_ROLE_NAME takes. */
export const IAM_ROLE_NAME_RULE = '1 to 64 letters, digits and + = , . @ _ -';

/** An S3 bucket name (general purpose buckets). */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** How a message says what BUCKET_NAME takes. */
export const BUCKET_NAME_RULE = '3 to 63 lowercase letters, digits, dots and hyphens';

/** Whole days beyond this are typos: S3 is younger than a century. */
export const MAX_PLAUSIBLE_DAYS = 36_500;
