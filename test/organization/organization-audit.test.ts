import { App, aws_events as events, aws_s3 as s3, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OrganizationAudit, OrganizationAuditMemberRole, OrganizationAuditMemberRoleProps, OrganizationAuditProps } from '../../src';
import { ORGANIZATION_SETTINGS_VARIABLE } from '../../src/organization/runtime/organization-settings';
import { valueInJoin } from '../_helpers/cfn-join';

function synth(props: Partial<OrganizationAuditProps> = {}) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const audit = new OrganizationAudit(stack, 'Org', { regions: ['eu-west-1', 'us-east-1'], ...props });
  return { stack, audit, template: Template.fromStack(stack) };
}

/** The state machine's definition, with the CloudFormation references left as markers. */
function definitionOf(template: Template): any {
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  const parts = machine.Properties.DefinitionString['Fn::Join'][1] as unknown[];
  return JSON.parse(parts.map(part => (typeof part === 'string' ? part : `<${Object.values(part as object)[0]?.[0] ?? JSON.stringify(part)}>`)).join(''));
}

function policyOf(template: Template, rolePrefix: string): unknown[] {
  const policies = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith(rolePrefix));
  expect(policies).toHaveLength(1);
  return policies[0][1].Properties.PolicyDocument.Statement;
}

const LOGS = { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: expect.anything() };
const RUNS = { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^OrgReportBucket/), 'Arn'] }, '/runs/*']] };

describe('OrganizationAudit', () => {
  test('the state machine: list, a Distributed Map over the S3 list of targets, then summarize', () => {
    const definition = definitionOf(synth().template);
    expect(definition.StartAt).toBe('List accounts x regions');
    expect(Object.keys(definition.States)).toEqual(['List accounts x regions', 'Audit each account and region', 'Summarize the run']);
    const [list, map, summarize] = Object.values(definition.States) as any[];
    expect(list).toMatchObject({ Type: 'Task', Next: 'Audit each account and region', Parameters: { 'runId.$': '$$.Execution.Name' } });
    expect(list.Resource).toMatch(/^<OrgListTargetsFunction/);
    expect(map).toMatchObject({
      Type: 'Map',
      ResultPath: null,
      Next: 'Summarize the run',
      MaxConcurrency: 10,
      ToleratedFailurePercentage: 100,
      ItemSelector: { 'runId.$': '$.runId', 'target.$': '$$.Map.Item.Value' },
      ItemReader: { ReaderConfig: { InputType: 'JSON' }, Parameters: { 'Key.$': '$.targetsKey' } },
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Audit one account and region' },
    });
    expect(map.ItemReader.Resource).toContain(':states:::s3:getObject');
    expect(map.ItemProcessor.States['Audit one account and region'].Resource).toMatch(/^<OrgAuditTargetFunction/);
    expect(map.ItemProcessor.States['Audit one account and region'].Retry[0].ErrorEquals).toContain('Lambda.ServiceException');
    expect(summarize).toMatchObject({ Type: 'Task', End: true, Parameters: { 'runId.$': '$.runId' } });
  });

  test.each([false, true])('the Map\'s results go to the report bucket, whatever the app\'s ResultWriterV2 flag (%s): one array of them fails a large run', flag => {
    const stack = new Stack(new App({ context: { '@aws-cdk/aws-stepfunctions:useDistributedMapResultWriterV2': flag } }), 'Stack');
    new OrganizationAudit(stack, 'Org', { regions: ['eu-west-1'] });
    const template = Template.fromStack(stack);
    const map = definitionOf(template).States['Audit each account and region'];
    expect(map.ResultWriter.Resource).toContain(':states:::s3:putObject');
    expect(map.ResultWriter.Parameters).toEqual({ Bucket: map.ItemReader.Parameters.Bucket, Prefix: 'runs/map-results' });
    expect(map.ResultPath).toBeNull();
    const [policy] = Object.entries(template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith('OrgStateMachineRole')).map(([, p]) => p);
    expect(JSON.stringify(policy.Properties.PolicyDocument.Statement)).toContain('s3:PutObject');
  });

  test('a throttled worker is retried with backoff, not lost to the run', () => {
    const map = definitionOf(synth().template).States['Audit each account and region'];
    expect(map.ItemProcessor.States['Audit one account and region'].Retry).toContainEqual({
      ErrorEquals: ['Lambda.TooManyRequestsException'], IntervalSeconds: 5, MaxAttempts: 8, BackoffRate: 2, JitterStrategy: 'FULL',
    });
  });

  test('three Node 22 functions share the settings; the worker may take 15 minutes', () => {
    const { template } = synth({ memberRoleName: 'auditor', olderThan: Duration.days(2), maxDays: 5 });
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(3);
    const settings = functions.map(f => f.Properties.Environment.Variables[ORGANIZATION_SETTINGS_VARIABLE]);
    expect(new Set(settings.map(s => JSON.stringify(s))).size).toBe(1);
    expect(functions.map(f => f.Properties.Runtime)).toEqual(['nodejs22.x', 'nodejs22.x', 'nodejs22.x']);
    template.hasResourceProperties('AWS::Lambda::Function', { Description: 'src/organization/audit-target.lambda.ts', Timeout: 900 });
    const joined = JSON.stringify(settings[0]);
    for (const expected of ['\\"memberRoleName\\":\\"auditor\\"', '\\"olderThanSeconds\\":172800', '\\"maxDays\\":5', '\\"regions\\":[\\"eu-west-1\\",\\"us-east-1\\"]']) {
      expect(joined).toContain(expected);
    }
  });

  test('least privilege: each function gets exactly its own actions', () => {
    const { template } = synth();
    expect(policyOf(template, 'OrgListTargetsRole')).toEqual([
      LOGS,
      { Action: 'organizations:ListAccounts', Effect: 'Allow', Resource: '*' },
      { Action: 's3:PutObject', Effect: 'Allow', Resource: RUNS },
    ]);
    expect(policyOf(template, 'OrgAuditTargetRole')).toEqual([
      LOGS,
      { Action: 'sts:AssumeRole', Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::*:role/mpu-guard-audit']] } },
      { Action: 's3:PutObject', Effect: 'Allow', Resource: RUNS },
    ]);
    expect(policyOf(template, 'OrgSummarizeRunRole')).toEqual([
      LOGS,
      { Action: ['s3:GetObject', 's3:PutObject'], Effect: 'Allow', Resource: RUNS },
      { Action: 's3:ListBucket', Effect: 'Allow', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^OrgReportBucket/), 'Arn'] }, Condition: { StringLike: { 's3:prefix': 'runs/*' } } },
    ]);
    template.resourcePropertiesCountIs('AWS::IAM::Role', { ManagedPolicyArns: Match.anyValue() }, 0);
  });

  test('the new report bucket is private, encrypted, SSL-only, aborts incomplete uploads and expires old runs', () => {
    const { template } = synth({ reportRetention: Duration.days(30) });
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LifecycleConfiguration: {
        Rules: [
          { Id: 'AbortIncompleteMultipartUploads', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
          { Id: 'ExpireOldRuns', Status: 'Enabled', Prefix: 'runs/', ExpirationInDays: 30 },
        ],
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
  });

  test('weekly by default; a schedule, or none', () => {
    synth().template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(7 days)' });
    synth({ schedule: events.Schedule.cron({ hour: '3', minute: '0' }) }).template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(0 3 * * ? *)' });
    synth({ onDemandOnly: true }).template.resourceCountIs('AWS::Events::Rule', 0);
  });

  test('an existing report bucket is used, and no bucket is created', () => {
    const stack = new Stack(new App(), 'Stack');
    const bucket = s3.Bucket.fromBucketName(stack, 'Reports', 'org-reports');
    const audit = new OrganizationAudit(stack, 'Org', { regions: ['eu-west-1'], reportBucket: bucket });
    expect(audit.reportBucket).toBe(bucket);
    Template.fromStack(stack).resourceCountIs('AWS::S3::Bucket', 0);
  });

  test.each<[string, Partial<OrganizationAuditProps>, RegExp]>([
    ['no regions', { regions: [] }, /^OrganizationAudit Stack\/Org: regions must name at least one region/],
    ['Ceph RGW\'s region, which only mpu-audit takes', { regions: ['default'] }, /^OrganizationAudit Stack\/Org: regions must hold region names such as 'eu-west-1' \(got 'default'\)/],
    ['a region that is not one', { regions: ['Ireland'] }, /^OrganizationAudit Stack\/Org: regions must hold region names such as 'eu-west-1' \(got 'Ireland'\)/],
    ['a role name with a slash', { memberRoleName: 'a/b' }, /^OrganizationAudit Stack\/Org: memberRoleName must be an IAM role name.*\(got 'a\/b'\)/],
    ['maxConcurrency 0', { maxConcurrency: 0 }, /^OrganizationAudit Stack\/Org: maxConcurrency must be a whole number from 1 to 10000 \(got 0\)/],
    ['a target timeout of 20 minutes', { targetTimeout: Duration.minutes(20) }, /^OrganizationAudit Stack\/Org: targetTimeout must be from 2 to 15 minutes.*\(got 20 minutes\)/],
    ['retention in hours', { reportRetention: Duration.hours(36) }, /^OrganizationAudit Stack\/Org: reportRetention must be a whole number of days >= 1 \(got 1 day 12 hours\)/],
    ['a schedule and on demand only', { schedule: events.Schedule.rate(Duration.days(1)), onDemandOnly: true }, /^OrganizationAudit Stack\/Org: schedule and onDemandOnly contradict each other/],
    ['maxDays 0', { maxDays: 0 }, /^OrganizationAudit Stack\/Org: maxDays must be a whole number from 1 to 36500 \(got 0\)/],
  ])('refuses %s, naming the construct and the prop', (_, props, message) => {
    expect(() => synth(props)).toThrow(message);
  });

  describe('takes a token for each numeric prop, left to the deploy', () => {
    const withParameter = (props: (value: number) => Partial<OrganizationAuditProps>) => {
      const stack = new Stack(new App(), 'Stack');
      new OrganizationAudit(stack, 'Org', { regions: ['eu-west-1'], ...props(new CfnParameter(stack, 'P', { type: 'Number' }).valueAsNumber) });
      return Template.fromStack(stack);
    };
    /** The settings the three functions share, which tokens turn into an Fn::Join. */
    const settingsJoin = (template: Template) =>
      Object.values(template.findResources('AWS::Lambda::Function'))[0].Properties.Environment.Variables[ORGANIZATION_SETTINGS_VARIABLE];

    test('maxConcurrency: the Distributed Map takes the parameter', () => {
      const [machine] = Object.values(withParameter(value => ({ maxConcurrency: value })).findResources('AWS::StepFunctions::StateMachine'));
      expect(valueInJoin(machine.Properties.DefinitionString, 'MaxConcurrency')).toEqual({ Ref: 'P' });
    });

    test.each<[string, (value: number) => Partial<OrganizationAuditProps>, string]>([
      ['maxDays', value => ({ maxDays: value }), 'maxDays'],
      ['olderThan in seconds', value => ({ olderThan: Duration.seconds(value) }), 'olderThanSeconds'],
    ])('%s: the functions\' settings take the parameter', (_, props, field) => {
      expect(valueInJoin(settingsJoin(withParameter(props)), field)).toEqual({ Ref: 'P' });
    });

    test('targetTimeout in seconds: the worker takes the parameter', () => {
      withParameter(value => ({ targetTimeout: Duration.seconds(value) }))
        .hasResourceProperties('AWS::Lambda::Function', { Description: 'src/organization/audit-target.lambda.ts', Timeout: { Ref: 'P' } });
    });

    test('reportRetention in days: the report bucket expires runs after the parameter', () => {
      withParameter(value => ({ reportRetention: Duration.days(value) })).hasResourceProperties('AWS::S3::Bucket', {
        LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'ExpireOldRuns', ExpirationInDays: { Ref: 'P' } })]) },
      });
    });

    test('a token in a unit the deploy cannot convert is refused, naming the fix', () => {
      expect(() => withParameter(value => ({ reportRetention: Duration.hours(value) })))
        .toThrow('OrganizationAudit Stack/Org: reportRetention from a token must be given in days, Duration.days(token), as the deploy cannot convert it (got <token> hours)');
    });
  });

  test('cdk-nag AwsSolutions: the findings left are the ones docs/monitor.md documents', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    new OrganizationAudit(stack, 'Org', { regions: ['eu-west-1'] });
    const found = new AwsSolutionsChecks(app).validateScope(app).violations
      .flatMap(v => v.violatingResources.map(r => `${v.ruleName} at ${r.constructPath}`))
      // Logical ids carry a hash, and the Distributed Map's policy an Fn::Select: neither is the point.
      .map(f => f.replace(/\b(Org[A-Za-z]+)[0-9A-F]{8}\b/g, '$1').replace(/execution:\{.*\}(\/\*)?:\*/, 'execution:<state machine>$1:*'))
      .sort();
    expect(found).toEqual(ORGANIZATION_AUDIT_NAG_FINDINGS);
  });
});

/** Each one is explained in the organization audit section of docs/monitor.md. */
const ORGANIZATION_AUDIT_NAG_FINDINGS: string[] = [
  'AwsSolutions-IAM5[Resource::<OrgAuditTargetFunction.Arn>:*] at Stack/Org/StateMachine/Role/DefaultPolicy/Resource',
  'AwsSolutions-IAM5[Resource::<OrgListTargetsFunction.Arn>:*] at Stack/Org/StateMachine/Role/DefaultPolicy/Resource',
  'AwsSolutions-IAM5[Resource::<OrgReportBucket.Arn>/runs/*] at Stack/Org/AuditTargetRole/DefaultPolicy/Resource',
  'AwsSolutions-IAM5[Resource::<OrgReportBucket.Arn>/runs/*] at Stack/Org/ListTargetsRole/DefaultPolicy/Resource',
  'AwsSolutions-IAM5[Resource::<OrgReportBucket.Arn>/runs/*] at Stack/Org/SummarizeRunRole/DefaultPolicy/Resource',
  'AwsSolutions-IAM5[Resource::<OrgSummarizeRunFunction.Arn>:*] at Stack/Org/StateMachine/Role/DefaultPolicy/Resource',
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/mpu-guard-audit] at Stack/Org/AuditTargetRole/DefaultPolicy/Resource',
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::<OrgReportBucket>/*] at Stack/Org/StateMachine/Role/DefaultPolicy/Resource',
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:us-east-1:111111111111:execution:<state machine>/*:*] at Stack/Org/StateMachine/DistributedMapPolicy/Resource',
  'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:states:us-east-1:111111111111:execution:<state machine>:*] at Stack/Org/StateMachine/DistributedMapPolicy/Resource',
  'AwsSolutions-S1 at Stack/Org/ReportBucket/Resource',
];

describe('OrganizationAuditMemberRole', () => {
  function memberRole(props: Partial<OrganizationAuditMemberRoleProps> = {}) {
    const stack = new Stack(new App(), 'Member');
    new OrganizationAuditMemberRole(stack, 'Audit', { trustedAccountId: '111111111111', ...props });
    return Template.fromStack(stack);
  }

  test('a fixed-name role the audit account can assume, holding exactly the read-only audit policy', () => {
    memberRole().hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'mpu-guard-audit',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:root']] } } }],
      },
      Policies: [{
        PolicyName: 'MultipartUploadAudit',
        PolicyDocument: {
          Statement: [
            { Action: 's3:ListAllMyBuckets', Effect: 'Allow', Resource: '*' },
            {
              Action: ['s3:GetBucketLocation', 's3:ListBucketMultipartUploads', 's3:GetLifecycleConfiguration', 's3:GetBucketTagging'],
              Effect: 'Allow',
              Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] },
            },
            { Action: 's3:ListMultipartUploadParts', Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*/*']] } },
          ],
        },
      }],
      ManagedPolicyArns: Match.absent(),
    });
  });

  test('trustedPrincipalArns narrows the trust to those principals', () => {
    const worker = 'arn:aws:iam::111111111111:role/Org-AuditTargetRole';
    memberRole({ trustedPrincipalArns: [worker], roleName: 'auditor' }).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'auditor',
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Condition: { ArnEquals: { 'aws:PrincipalArn': [worker] } } })] },
    });
  });

  test.each<[string, Partial<OrganizationAuditMemberRoleProps>, RegExp]>([
    ['an account id that is not one', { trustedAccountId: '1234' }, /^OrganizationAuditMemberRole Member\/Audit: trustedAccountId must be a 12-digit AWS account id \(got '1234'\)/],
    ['a role name too long', { roleName: 'r'.repeat(65) }, /^OrganizationAuditMemberRole Member\/Audit: roleName must be an IAM role name/],
    ['a principal that is not an ARN', { trustedPrincipalArns: ['AuditTargetRole'] }, /^OrganizationAuditMemberRole Member\/Audit: trustedPrincipalArns must hold ARNs \(got 'AuditTargetRole'\)/],
  ])('refuses %s, naming the construct and the prop', (_, props, message) => {
    expect(() => memberRole(props)).toThrow(message);
  });
});
