import { ABORT_PERMISSION, FIX_LIFECYCLE_PERMISSION, READ_PERMISSIONS } from '../../src/audit/permissions';
import { IamPermission, IamPermissionScope } from '../../src/facts/iam-permission';
import { readmePolicies, PolicyStatement } from '../_helpers/readme-policies';

const RESOURCE: Record<IamPermissionScope, string> = { any: '*', bucket: 'arn:aws:s3:::*', objects: 'arn:aws:s3:::*/*' };

function asStatement(permission: IamPermission) {
  return { Effect: 'Allow', Action: [...permission.actions].sort(), Resource: RESOURCE[permission.on] };
}

function normalized(statement: PolicyStatement) {
  return { ...statement, Action: [statement.Action].flat().sort() };
}

describe('the permissions the constructs grant are the policies of docs/mpu-audit.md', () => {
  const readme = readmePolicies();

  test('read-only audit', () => {
    expect(readme.audit.Statement.map(normalized)).toEqual(READ_PERMISSIONS.map(asStatement));
  });

  test('--abort and --fix-lifecycle additions', () => {
    expect(normalized(readme.abort)).toEqual(asStatement(ABORT_PERMISSION));
    expect(normalized(readme.fixLifecycle)).toEqual(asStatement(FIX_LIFECYCLE_PERMISSION));
  });
});
