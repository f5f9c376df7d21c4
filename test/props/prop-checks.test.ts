import { App, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { PropChecks, WholeRange } from '../../src/props/prop-checks';
import { NOT_REGIONS, REAL_REGIONS } from '../fixtures/region-names';

const checks = () => new PropChecks('Widget', new Stack(new App(), 'Stack'), 'Widget');
const token = () => Token.asNumber({ Ref: 'Parameter' });
const lazy = () => Lazy.number({ produce: () => 5 });
const PREFIX = 'Widget Stack/Widget: ';

/** The message of what `check` throws, or undefined when it passes. */
function messageOf(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('PropChecks names the construct by its kind and path', () => {
  test.each<[string, () => PropChecks, string]>([
    ['in a stack', () => new PropChecks('Widget', new Stack(new App(), 'Stack'), 'W'), 'Widget Stack/W: '],
    ['deeper down', () => new PropChecks('Widget', new Construct(new Stack(new App(), 'Stack'), 'Group'), 'W'), 'Widget Stack/Group/W: '],
    ['at the root of an app', () => new PropChecks('Widget', new App(), 'W'), 'Widget W: '],
    ['the construct itself, without an id', () => new PropChecks('Mixin on', new Construct(new Stack(new App(), 'Stack'), 'W')), 'Mixin on Stack/W: '],
    ['by its kind alone, without a scope', () => new PropChecks('Mixin'), 'Mixin: '],
  ])('%s', (_, make, prefix) => {
    expect(make().error('x must be y (got z)').message).toBe(`${prefix}x must be y (got z)`);
  });
});

describe('regions', () => {
  test.each(REAL_REGIONS)('takes %s', region => {
    expect(messageOf(() => checks().regions('regions', [region]))).toBeUndefined();
  });

  test.each(NOT_REGIONS)('refuses %j, \'default\' too (only the CLI takes Ceph RGW\'s region)', text => {
    expect(messageOf(() => checks().regions('regions', ['eu-west-1', text])))
      .toBe(`${PREFIX}regions must hold region names such as 'eu-west-1' (got '${text}')`);
  });

  test('a token passes, and so does a list token', () => {
    expect(messageOf(() => checks().regions('regions', [Token.asString({ Ref: 'Region' })]))).toBeUndefined();
    expect(messageOf(() => checks().regions('regions', Token.asList({ Ref: 'Regions' })))).toBeUndefined();
  });
});

describe('roleName', () => {
  test.each<[string, string | undefined]>([
    ['mpu-guard-audit', undefined],
    ['Audit_Role+2=x,y.z@corp', undefined],
    ['r'.repeat(64), undefined],
    [Token.asString({ Ref: 'RoleName' }), undefined],
    ['a/b', `${PREFIX}roleName must be an IAM role name: 1 to 64 letters, digits and + = , . @ _ - (got 'a/b')`],
    ['', `${PREFIX}roleName must be an IAM role name: 1 to 64 letters, digits and + = , . @ _ - (got '')`],
    ['r'.repeat(65), `${PREFIX}roleName must be an IAM role name: 1 to 64 letters, digits and + = , . @ _ - (got '${'r'.repeat(65)}')`],
  ])('%j', (name, message) => {
    expect(messageOf(() => checks().roleName('roleName', name))).toBe(message);
  });
});

describe('wholeNumber', () => {
  test.each<[string, number, WholeRange, string | undefined]>([
    ['the lower end', 1, { min: 1, max: 10 }, undefined],
    ['the upper end', 10, { min: 1, max: 10 }, undefined],
    ['no upper end', 1e9, { min: 1 }, undefined],
    ['a token', token(), { min: 1, max: 10 }, undefined],
    ['a lazy number', lazy(), { min: 1, max: 10 }, undefined],
    ['a token upper end', 1e9, { min: 1, max: token(), maxName: 'evaluationPeriods' }, undefined],
    ['below', 0, { min: 1, max: 10 }, 'n must be a whole number from 1 to 10 (got 0)'],
    ['above', 11, { min: 1, max: 10 }, 'n must be a whole number from 1 to 10 (got 11)'],
    ['a fraction', 1.5, { min: 1 }, 'n must be a whole number >= 1 (got 1.5)'],
    ['NaN', NaN, { min: 1 }, 'n must be a whole number >= 1 (got NaN)'],
    ['Infinity', Infinity, { min: 1 }, 'n must be a whole number >= 1 (got Infinity)'],
    ['above a named upper end', 3, { min: 1, max: 2, maxName: 'evaluationPeriods' }, 'n must be a whole number from 1 to evaluationPeriods (2) (got 3)'],
    ['below, under a token upper end', 0, { min: 1, max: token(), maxName: 'evaluationPeriods' }, 'n must be a whole number from 1 to evaluationPeriods (got 0)'],
    ['below, under an unnamed token upper end', 0, { min: 1, max: token() }, 'n must be a whole number >= 1 (got 0)'],
    ['with a unit and an explanation', 0, { min: 1, unit: 'parts', explanation: '. Count them.' }, 'n must be a whole number of parts >= 1 (got 0). Count them.'],
  ])('%s', (_, value, range, message) => {
    expect(messageOf(() => checks().wholeNumber('n', value, range))).toBe(message && PREFIX + message);
  });

  test('returns the value, a token unchanged', () => {
    const value = token();
    expect(checks().wholeNumber('n', value, { min: 1 })).toBe(value);
    expect(checks().wholeNumber('n', 3, { min: 1 })).toBe(3);
  });
});

describe('the bounded counts: dayCount from 1 to a century, lambdaMemory in whole MiB from 128 to 10240', () => {
  const dayCount = (value: number) => () => checks().dayCount('maxDays', value);
  const lambdaMemory = (value: number) => () => checks().lambdaMemory('memorySize', value);
  test.each<[string, () => unknown, string | undefined]>([
    ['dayCount 1', dayCount(1), undefined],
    ['dayCount 36500', dayCount(36500), undefined],
    ['dayCount of a token', dayCount(token()), undefined],
    ['dayCount 0', dayCount(0), 'maxDays must be a whole number from 1 to 36500 (got 0)'],
    ['dayCount 36501', dayCount(36501), 'maxDays must be a whole number from 1 to 36500 (got 36501)'],
    ['dayCount 7.5', dayCount(7.5), 'maxDays must be a whole number from 1 to 36500 (got 7.5)'],
    ['lambdaMemory 128', lambdaMemory(128), undefined],
    ['lambdaMemory 10240', lambdaMemory(10240), undefined],
    ['lambdaMemory of a token', lambdaMemory(token()), undefined],
    ['lambdaMemory of a lazy number', lambdaMemory(lazy()), undefined],
    ['lambdaMemory 100', lambdaMemory(100), 'memorySize must be a whole number of MiB from 128 to 10240 (got 100)'],
    ['lambdaMemory 10241', lambdaMemory(10241), 'memorySize must be a whole number of MiB from 128 to 10240 (got 10241)'],
    ['lambdaMemory 512.5', lambdaMemory(512.5), 'memorySize must be a whole number of MiB from 128 to 10240 (got 512.5)'],
  ])('%s', (_, check, message) => {
    expect(messageOf(check)).toBe(message && PREFIX + message);
  });
});

describe('seconds: whole seconds, 0 or more', () => {
  test.each<[string, Duration, number | string]>([
    ['0 seconds', Duration.seconds(0), 0],
    ['1 day', Duration.days(1), 86400],
    ['90 minutes', Duration.minutes(90), 5400],
    ['1500 ms', Duration.millis(1500), 'olderThan must be a whole number of seconds, 0 or more (got 1.5 seconds)'],
    ['NaN seconds', Duration.seconds(NaN), 'olderThan must be a whole number of seconds, 0 or more (got Duration.seconds(NaN))'],
    ['a token in minutes', Duration.minutes(token()),
      'olderThan from a token must be given in seconds, Duration.seconds(token), as the deploy cannot convert it (got <token> minutes)'],
  ])('%s', (_, duration, expected) => {
    if (typeof expected === 'number') expect(checks().seconds('olderThan', duration)).toBe(expected);
    else expect(messageOf(() => checks().seconds('olderThan', duration))).toBe(PREFIX + expected);
  });

  test('a token in seconds passes as the token', () => {
    const value = token();
    expect(checks().seconds('olderThan', Duration.seconds(value))).toBe(value);
  });
});

describe('days: whole days, from 1 unless told', () => {
  test.each<[string, Duration, Partial<WholeRange>, number | string]>([
    ['1 day', Duration.days(1), {}, 1],
    ['48 hours', Duration.hours(48), {}, 2],
    ['the upper end', Duration.days(7), { max: 7 }, 7],
    ['no upper end', Duration.days(1e6), {}, 1e6],
    ['a token upper end', Duration.days(1e6), { max: token() }, 1e6],
    ['0 days', Duration.days(0), {}, 'retention must be a whole number of days >= 1 (got 0 days)'],
    ['36 hours', Duration.hours(36), {}, 'retention must be a whole number of days >= 1 (got 1 day 12 hours)'],
    ['above', Duration.days(10), { max: 7 }, 'retention must be a whole number of days from 1 to 7 (got 10 days)'],
    ['NaN days', Duration.days(NaN), {}, 'retention must be a whole number of days >= 1 (got Duration.days(NaN))'],
    ['with an explanation', Duration.days(0), { explanation: '. Use Duration.days(n).' }, 'retention must be a whole number of days >= 1 (got 0 days). Use Duration.days(n).'],
    ['a token in hours', Duration.hours(token()), {},
      'retention from a token must be given in days, Duration.days(token), as the deploy cannot convert it (got <token> hours)'],
  ])('%s', (_, duration, range, expected) => {
    if (typeof expected === 'number') expect(checks().days('retention', duration, range)).toBe(expected);
    else expect(messageOf(() => checks().days('retention', duration, range))).toBe(PREFIX + expected);
  });

  test('a token in days passes as the token', () => {
    const value = token();
    expect(checks().days('retention', Duration.days(value), { max: 7 })).toBe(value);
  });
});

describe('lambdaTimeout: from 2 to 15 minutes', () => {
  const refused = (got: string) => `${PREFIX}timeout must be from 2 to 15 minutes: the audit stops 60 s before it, and Lambda allows 15 (got ${got})`;
  test.each<[string, Duration, string | undefined]>([
    ['2 minutes', Duration.minutes(2), undefined],
    ['15 minutes', Duration.minutes(15), undefined],
    ['900 seconds', Duration.seconds(900), undefined],
    ['a token in seconds', Duration.seconds(token()), undefined],
    ['119 seconds', Duration.seconds(119), refused('1 minute 59 seconds')],
    ['1 minute', Duration.minutes(1), refused('1 minute')],
    ['16 minutes', Duration.minutes(16), refused('16 minutes')],
    ['a fraction of a second', Duration.millis(150_500), `${PREFIX}timeout must be a whole number of seconds, 0 or more (got 150.5 seconds)`],
    ['a token in minutes', Duration.minutes(token()),
      `${PREFIX}timeout from a token must be given in seconds, Duration.seconds(token), as the deploy cannot convert it (got <token> minutes)`],
  ])('%s', (_, timeout, message) => {
    expect(messageOf(() => checks().lambdaTimeout('timeout', timeout, 'the audit'))).toBe(message);
  });
});

describe('literalDuration: for what synthesis must know', () => {
  test.each<[string, Duration, string | undefined]>([
    ['a literal', Duration.minutes(5), undefined],
    ['a token', Duration.seconds(token()), `${PREFIX}period must be a literal duration, not a token, as CloudWatch checks periods at synthesis`],
  ])('%s', (_, duration, message) => {
    expect(messageOf(() => checks().literalDuration('period', duration, 'as CloudWatch checks periods at synthesis'))).toBe(message);
  });
});
