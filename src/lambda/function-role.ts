import { aws_iam as iam, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/**
 * A function's own role and log group: the role may write that log and nothing else
 * until the caller adds what the function needs; no managed policies.
 */
export function functionRole(
  scope: Construct, id: string, description: string, retention: logs.RetentionDays,
): { role: iam.Role; logGroup: logs.LogGroup } {
  const logGroup = new logs.LogGroup(scope, `${id}Log`, { retention });
  const role = new iam.Role(scope, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description });
  logGroup.grantWrite(role);
  return { role, logGroup };
}
