import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Evaluation } from '../../src/policy/evaluate';
import { findingText } from '../../src/policy/finding-text';
import {
  FIX_INPUTS, isRuleId, MultipartUploadRuleId, RULE_CATALOGUE, RuleDefinition, RULES, SourceInput, UNRESOLVED,
} from '../../src/policy/rule-catalogue';
import { ruleIdOf, Verdict } from '../../src/policy/verdict';

/** Every field a rule must define: a rule that misses one, or gains one no front-end knows of, fails here. */
const FIELDS: readonly (keyof RuleDefinition)[] = [
  'id', 'name', 'shortDescription', 'fullDescription', 'severity', 'tags', 'help', 'helpMarkdown', 'nagInfo', 'nagExplanation', 'problem', 'fix',
];

const SOURCE_INPUTS = FIX_INPUTS.filter((input): input is SourceInput => input !== 'live-bucket');

/** What a field says for the maximum `maxDays`, as text: functions are called, lists joined. */
function textsOf(rule: RuleDefinition, field: keyof RuleDefinition, maxDays: number): string[] {
  const value: unknown = rule[field];
  if (field === 'problem') return FIX_INPUTS.map(input => rule.problem(input));
  if (field === 'fix') return FIX_INPUTS.map(input => rule.fix[input]?.(maxDays));
  if (typeof value === 'function') return [value(maxDays)];
  if (Array.isArray(value)) return value.length === 0 ? [''] : value;
  return [value as string];
}

describe('the rule catalogue', () => {
  test('every rule id has exactly one entry, filed under its own id, in id order', () => {
    expect(Object.keys(RULE_CATALOGUE)).toEqual(Object.values(MultipartUploadRuleId));
    expect(RULES.map(rule => rule.id)).toEqual(Object.values(MultipartUploadRuleId));
    for (const [id, rule] of Object.entries(RULE_CATALOGUE)) expect(rule.id).toBe(id);
  });

  test.each(RULES.map(rule => [rule.id, rule] as const))('%s defines every field, none empty', (_id, rule) => {
    expect(Object.keys(rule).sort()).toEqual([...FIELDS].sort());
    for (const field of FIELDS) {
      for (const text of textsOf(rule, field, 7)) {
        expect({ field, text }).toEqual({ field, text: expect.stringMatching(/\S/) });
      }
    }
    expect(Object.keys(rule.fix).sort()).toEqual([...FIX_INPUTS].sort());
    expect(['error', 'warning']).toContain(rule.severity);
  });

  test('ids are MultipartUpload-MPUn and names are PascalCase, each used once', () => {
    expect(RULES.map(rule => rule.id)).toEqual(RULES.map((_, index) => `MultipartUpload-MPU${index + 1}`));
    for (const rule of RULES) expect(rule.name).toMatch(/^[A-Z][A-Za-z0-9]+$/);
    expect(new Set(RULES.map(rule => rule.name)).size).toBe(RULES.length);
  });

  test('the day-bound texts of MPU1 and MPU2 say the maximum they were given, in every input', () => {
    for (const rule of [RULE_CATALOGUE[MultipartUploadRuleId.MPU1], RULE_CATALOGUE[MultipartUploadRuleId.MPU2]]) {
      for (const input of FIX_INPUTS) expect(rule.fix[input](13)).toContain('13');
      expect(rule.help(13)).toContain('13');
      expect(rule.helpMarkdown(13)).toContain('13');
    }
    expect(RULE_CATALOGUE[MultipartUploadRuleId.MPU2].nagInfo(13)).toContain('13');
    expect(RULE_CATALOGUE[MultipartUploadRuleId.MPU2].fullDescription(13)).toContain('13');
  });

  test('the unresolved wording has a fix for every input whose values can be unresolved, under MPU1', () => {
    expect(UNRESOLVED.ruleId).toBe(MultipartUploadRuleId.MPU1);
    expect(UNRESOLVED.problem).toMatch(/\S/);
    expect(Object.keys(UNRESOLVED.fix).sort()).toEqual([...SOURCE_INPUTS].sort());
    for (const input of SOURCE_INPUTS) expect(UNRESOLVED.fix[input]).toMatch(/\S/);
  });

  test('isRuleId knows the catalogue\'s ids and nothing else', () => {
    for (const rule of RULES) expect(isRuleId(rule.id)).toBe(true);
    for (const other of ['COMPLIANT', 'UNKNOWN', 'MultipartUpload-MPU9', 'name', 'toString', '']) expect(isRuleId(other)).toBe(false);
  });
});

describe('findingText reads the catalogue', () => {
  const VERDICTS = [Verdict.MISSING, Verdict.PARTIAL_COVERAGE, Verdict.TOO_LATE, Verdict.INVALID_RULE];

  test.each(SOURCE_INPUTS)('for %s, each broken rule\'s text is its problem, the reason and its fix', input => {
    for (const verdict of VERDICTS) {
      const evaluation: Evaluation = { verdict, reason: 'REASON' };
      const rule = RULE_CATALOGUE[ruleIdOf(verdict)!];
      expect(findingText(evaluation, 9, input)).toEqual({
        ruleId: rule.id, unresolved: false, text: `${rule.problem(input)}: REASON. ${rule.fix[input](9)}`,
      });
    }
  });

  test.each(SOURCE_INPUTS)('for %s, an unresolved bucket is the catalogue\'s unresolved wording; a compliant one has no text', input => {
    expect(findingText({ verdict: Verdict.UNRESOLVED, reason: 'REASON' }, 9, input)).toEqual({
      ruleId: UNRESOLVED.ruleId, unresolved: true, text: `${UNRESOLVED.problem}: REASON. ${UNRESOLVED.fix[input]}`,
    });
    expect(findingText({ verdict: Verdict.COMPLIANT, reason: 'REASON' }, 9, input)).toBeUndefined();
  });
});

describe('the rule table of docs/enforcement.md', () => {
  test('has one row per rule of the catalogue, with its id and name, and no other', () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'enforcement.md'), 'utf8');
    const rows = [...page.matchAll(/^\| `(MultipartUpload-MPU\d+)` \| `(\w+)` \|/gm)].map(([, id, name]) => ({ id, name }));
    expect(rows).toEqual(RULES.map(rule => ({ id: rule.id, name: rule.name })));
  });
});
