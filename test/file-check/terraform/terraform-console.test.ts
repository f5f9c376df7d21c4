/**
 * Replays what `terraform console` printed for the cases where mpu-check's evaluator disagreed
 * with it (recorded by scripts/terraform-differential/terraform-differential.ts --record, each fixture with the command
 * that asks Terraform again). Never runs Terraform: a user's machine may have none.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answersAsRecorded, describeOutcome, mpuCheckOutcomeOf, Outcome, RecordedCase } from '../../../scripts/terraform-differential/terraform-console-case';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'terraform-console');

const recorded: RecordedCase[] = readdirSync(FIXTURES).filter(name => name.endsWith('.json')).sort()
  .map(name => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as RecordedCase);

const recordedCase = (terraform: Outcome, mayBeUnknown?: string): RecordedCase => ({
  name: 'example', construct: 'functions', config: '', expression: '1', recheck: '', terraform, mayBeUnknown,
});

describe('a recorded case is answered as Terraform printed it', () => {
  test('the same value, whatever the order of object keys', () => {
    expect(answersAsRecorded(recordedCase({ value: { a: 1, b: [2] } }), { value: { b: [2], a: 1 } })).toBe(true);
    expect(answersAsRecorded(recordedCase({ value: { a: '1' } }), { value: { a: 1 } })).toBe(false);
    expect(answersAsRecorded(recordedCase({ value: ['b', 'a'] }), { value: ['a', 'b'] })).toBe(false);
  });

  test('a refusal where Terraform refused, whatever the words', () => {
    expect(answersAsRecorded(recordedCase({ refused: 'Error: Invalid index' }), { refused: 'no such element' })).toBe(true);
    expect(answersAsRecorded(recordedCase({ refused: 'Error: Invalid index' }), { value: null })).toBe(false);
    expect(answersAsRecorded(recordedCase({ value: 1 }), { refused: 'no such element' })).toBe(false);
  });

  test('an Unknown only where the case says mpu-check may leave it unknown', () => {
    expect(answersAsRecorded(recordedCase({ value: 1 }), { unknown: 'does not evaluate splat expressions' })).toBe(false);
    expect(answersAsRecorded(recordedCase({ value: 1 }, 'a function it does not implement'), { unknown: 'does not evaluate the function x()' })).toBe(true);
    expect(answersAsRecorded(recordedCase({ value: 1 }, 'a function it does not implement'), { value: 2 })).toBe(false);
    expect(answersAsRecorded(recordedCase({ value: 1 }), { thrown: 'TypeError' })).toBe(false);
  });
});

describe('mpu-check evaluates local.result as `terraform console` printed it (test/fixtures/terraform-console)', () => {
  const failing: string[] = [];

  test('the recorded cases are there', () => {
    expect(recorded.length).toBeGreaterThan(0);
  });

  test.each(recorded.map(testCase => [testCase.name, testCase] as const))('%s', async (name, testCase) => {
    const mpuCheck = await mpuCheckOutcomeOf(testCase);
    const answer = answersAsRecorded(testCase, mpuCheck)
      ? 'as Terraform printed it'
      : `mpu-check: ${describeOutcome(mpuCheck, 300)}; Terraform printed: ${describeOutcome(testCase.terraform, 300)}; recheck: ${testCase.recheck}`;
    if (answer !== 'as Terraform printed it') failing.push(`${name} (${testCase.construct})`);
    expect(answer).toBe('as Terraform printed it');
  });

  // Last, after every case above: the list an integrator reads to see which fixes are still missing.
  test('no recorded case is answered otherwise (the list of those that are)', () => {
    expect(failing).toEqual([]);
  });
});
