import { initiatorProblem, keepReasonOf, KeepRules } from '../../src/audit/keep-rules';

const by = (id: string) => ({ id, displayName: id });
const upload = (key: string, initiator: string | null, owner: string | null = null) => ({
  key, initiator: initiator === null ? null : by(initiator), owner: owner === null ? null : by(owner),
});
const reasonOf = (rules: Partial<KeepRules>, candidate: ReturnType<typeof upload>) =>
  keepReasonOf({ prefixes: [], initiators: [], ...rules })!(candidate);

const ROLE = 'arn:aws:iam::123456789012:role/Uploader';
const SESSION = 'arn:aws:sts::123456789012:assumed-role/Uploader/resume-7';

describe('keepReasonOf', () => {
  test('keeps nothing, and costs nothing, without rules', () => {
    expect(keepReasonOf(undefined)).toBeUndefined();
    expect(keepReasonOf({ prefixes: [], initiators: [] })).toBeUndefined();
  });

  test.each([
    ['a key under a prefix', { prefixes: ['tmp/', 'resumable/'] }, upload('resumable/a.bin', 'u'), 'key under --exclude-prefix resumable/'],
    ['the first prefix that matches', { prefixes: ['re', 'resumable/'] }, upload('resumable/a.bin', 'u'), 'key under --exclude-prefix re'],
    ['a key equal to the prefix', { prefixes: ['exact'] }, upload('exact', 'u'), 'key under --exclude-prefix exact'],
    ['an RGW user id, exactly', { initiators: ['mpuguardtest'] }, upload('k', 'mpuguardtest'), 'initiated by mpuguardtest (--keep-initiator)'],
    ['an IAM user ARN, case-blind as IAM names are',
      { initiators: ['arn:aws:iam::123456789012:user/ci/Backup'] }, upload('k', 'arn:aws:iam::123456789012:user/ci/backup'),
      'initiated by arn:aws:iam::123456789012:user/ci/backup (--keep-initiator arn:aws:iam::123456789012:user/ci/Backup)'],
    ['every session of a role ARN', { initiators: [ROLE] }, upload('k', SESSION), `initiated by ${SESSION} (--keep-initiator ${ROLE})`],
    ['a session of a role ARN with a path (assumed-role ARNs drop it)',
      { initiators: ['arn:aws:iam::123456789012:role/service/uploads/Uploader'] }, upload('k', SESSION),
      `initiated by ${SESSION} (--keep-initiator arn:aws:iam::123456789012:role/service/uploads/Uploader)`],
    ['a role in another partition', { initiators: ['arn:aws-cn:iam::123456789012:role/Uploader'] },
      upload('k', 'arn:aws-cn:sts::123456789012:assumed-role/Uploader/s'),
      'initiated by arn:aws-cn:sts::123456789012:assumed-role/Uploader/s (--keep-initiator arn:aws-cn:iam::123456789012:role/Uploader)'],
    ['one exact session', { initiators: [SESSION] }, upload('k', SESSION), `initiated by ${SESSION} (--keep-initiator)`],
    ['the Owner when the Initiator does not match', { initiators: ['79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'] },
      upload('k', 'someone', '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'),
      'owned by 79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be (--keep-initiator)'],
    ['the prefix before the initiator', { prefixes: ['tmp/'], initiators: ['u'] }, upload('tmp/x', 'u'), 'key under --exclude-prefix tmp/'],
  ])('keeps %s', (_, rules, candidate, reason) => {
    expect(reasonOf(rules, candidate)).toBe(reason);
  });

  test.each([
    ['a key outside every prefix', { prefixes: ['tmp/'] }, upload('tmpx/a', 'u')],
    ['a prefix that differs in case (keys are case-sensitive)', { prefixes: ['Tmp/'] }, upload('tmp/a', 'u')],
    ['another RGW user', { initiators: ['mpuguardtest'] }, upload('k', 'mpuguardother', 'mpuguardother')],
    ['an RGW user id in another case (RGW ids are case-sensitive)', { initiators: ['MpuGuardTest'] }, upload('k', 'mpuguardtest')],
    ['a session of another role', { initiators: [ROLE] }, upload('k', 'arn:aws:sts::123456789012:assumed-role/Uploader2/s')],
    ['a session of the same role name in another account', { initiators: [ROLE] }, upload('k', 'arn:aws:sts::210987654321:assumed-role/Uploader/s')],
    ['another session, when one session is named', { initiators: [SESSION] }, upload('k', 'arn:aws:sts::123456789012:assumed-role/Uploader/other')],
    ['a user whose name is the role\'s', { initiators: [ROLE] }, upload('k', 'arn:aws:iam::123456789012:user/Uploader')],
    ['an upload without Initiator or Owner', { initiators: ['u'] }, upload('k', null)],
    ['an empty ID the server sent', { initiators: ['u'] }, upload('k', '')],
  ])('does not keep %s', (_, rules, candidate) => {
    expect(reasonOf(rules, candidate)).toBeNull();
  });

  test('names the rules as the caller calls them', () => {
    const reason = keepReasonOf({ prefixes: ['tmp/'], initiators: ['u'], prefixRuleName: 'keepUploadsUnderPrefixes', initiatorRuleName: 'keepUploadsInitiatedBy' })!;
    expect(reason(upload('tmp/a', null))).toBe('key under keepUploadsUnderPrefixes tmp/');
    expect(reason(upload('a', 'u'))).toBe('initiated by u (keepUploadsInitiatedBy)');
  });
});

describe('initiatorProblem', () => {
  test.each([
    'mpuguardtest', 'tenant$user', '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
    ROLE, 'arn:aws:iam::123456789012:role/service/uploads/Uploader', SESSION, 'arn:aws:iam::123456789012:user/Backup',
    'arn:aws-us-gov:iam::123456789012:root', 'arn:aws:sts::123456789012:federated-user/Bob',
  ])('accepts %s', value => {
    expect(initiatorProblem(value)).toBeUndefined();
  });

  test.each([
    ['', /must not be empty/],
    ['  ', /must not be empty/],
    [' mpuguardtest', /must not start or end with a space/],
    ['arn:aws:s3:::bucket', /must be an IAM user or role ARN/],
    ['arn:aws:iam::12345:role/Uploader', /must be an IAM user or role ARN/],
    ['arn:aws:iam::123456789012:role/', /must be an IAM user or role ARN/],
    ['arn:aws:sts::123456789012:assumed-role/Uploader', /assumed-role ARN \(arn:aws:sts::123456789012:assumed-role\/Uploader\/SESSION\)/],
    ['ARN:aws:iam::123456789012:group/Admins', /must be an IAM user or role ARN/],
  ])('refuses %j', (value, message) => {
    expect(initiatorProblem(value)).toMatch(message);
  });
});
