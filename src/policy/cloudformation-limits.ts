/**
 * CloudFormation's own quotas (Understand CloudFormation quotas, in the CloudFormation User Guide),
 * as cfn-lint's E1002 and E3010 count them: what CloudFormation refuses, mpu-check need not read.
 */

/** The largest template body CloudFormation takes (from an S3 object), in bytes. */
export const TEMPLATE_BODY_BYTES = 1_000_000;

/** The most resources one template may declare, after `Fn::ForEach` is expanded. */
export const RESOURCES_PER_TEMPLATE = 500;
