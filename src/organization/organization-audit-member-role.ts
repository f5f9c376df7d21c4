import { aws_iam as iam, Duration, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { READ_PERMISSIONS } from '../audit/permissions';
import { permissionStatements } from '../lambda/permission-statements';
import { PropChecks } from '../props/prop-checks';

/** The role name OrganizationAudit and `mpu-audit --role-name` look for unless told otherwise. */
export const DEFAULT_MEMBER_ROLE_NAME = 'mpu-guard-audit';

/** Properties of an OrganizationAuditMemberRole. */
export interface OrganizationAuditMemberRoleProps {
  /**
   * The account that runs the organization audit (OrganizationAudit, or mpu-audit
   * --accounts-from-organization): it may assume this role.
   */
  readonly trustedAccountId: string;

  /**
   * Only these principals of the trusted account may assume the role (an `aws:PrincipalArn`
   * condition), e.g. the `workerRole` of OrganizationAudit.
   * @default - any principal of the trusted account that its own IAM policies allow
   */
  readonly trustedPrincipalArns?: string[];

  /**
   * The role's name: the same in every member account.
   * @default 'mpu-guard-audit'
   */
  readonly roleName?: string;

  /**
   * The longest session.
   * @default Duration.hours(1)
   */
  readonly maxSessionDuration?: Duration;
}

/**
 * The read-only audit role to deploy in each member account, for instance with a
 * service-managed CloudFormation StackSet over the organization. It holds exactly
 * the read-only policy mpu-audit documents, nothing more.
 *
 * @example
 * import { App, Stack } from 'aws-cdk-lib';
 * import { OrganizationAuditMemberRole } from 'cdk-mpu-guard';
 *
 * const stack = new Stack(new App(), 'MemberRole');
 * new OrganizationAuditMemberRole(stack, 'Role', { trustedAccountId: '111111111111' });
 */
export class OrganizationAuditMemberRole extends Construct {
  /** The role the organization audit assumes in this account. */
  public readonly role: iam.Role;

  /**
   * @param scope where the role goes: a stack in each member account
   * @param id the role's construct id
   * @param props the trusted account, and optionally its principals and the role's name
   */
  constructor(scope: Construct, id: string, props: OrganizationAuditMemberRoleProps) {
    super(scope, id);
    const check = new PropChecks('OrganizationAuditMemberRole', scope, id);
    const { trustedAccountId } = props;
    if (!Token.isUnresolved(trustedAccountId) && !/^\d{12}$/.test(trustedAccountId)) {
      throw check.error(`trustedAccountId must be a 12-digit AWS account id (got '${trustedAccountId}')`);
    }
    const roleName = props.roleName ?? DEFAULT_MEMBER_ROLE_NAME;
    check.roleName('roleName', roleName);
    for (const arn of props.trustedPrincipalArns ?? []) {
      if (!Token.isUnresolved(arn) && !arn.startsWith('arn:')) throw check.error(`trustedPrincipalArns must hold ARNs (got '${arn}')`);
    }
    const principal = new iam.AccountPrincipal(trustedAccountId);
    this.role = new iam.Role(this, 'Role', {
      roleName,
      description: 'cdk-mpu-guard: read-only audit of incomplete multipart uploads, for the organization audit',
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(1),
      assumedBy: props.trustedPrincipalArns && props.trustedPrincipalArns.length > 0
        ? principal.withConditions({ ArnEquals: { 'aws:PrincipalArn': props.trustedPrincipalArns } })
        : principal,
      inlinePolicies: { MultipartUploadAudit: new iam.PolicyDocument({ statements: permissionStatements(this, READ_PERMISSIONS) }) },
    });
  }
}
