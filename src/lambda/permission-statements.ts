import { Arn, aws_iam as iam, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { IamPermission } from '../facts/iam-permission';

/** One statement per permission, on every bucket, or on `buckets` only when named. */
export function permissionStatements(
  scope: Construct, permissions: readonly IamPermission[], buckets: readonly string[] = [],
): iam.PolicyStatement[] {
  return permissions.map(permission => new iam.PolicyStatement({
    actions: [...permission.actions], resources: resourcesOf(scope, permission, buckets),
  }));
}

function resourcesOf(scope: Construct, permission: IamPermission, buckets: readonly string[]): string[] {
  if (permission.on === 'any') return ['*'];
  const names = buckets.length > 0 ? buckets : ['*'];
  const stack = Stack.of(scope);
  return names.map(name => Arn.format({ partition: stack.partition, service: 's3', region: '', account: '', resource: permission.on === 'objects' ? `${name}/*` : name }));
}
