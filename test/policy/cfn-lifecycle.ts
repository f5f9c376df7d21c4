/** Small builders of CloudFormation (PascalCase) lifecycle values, for the policy tests. */

export const NO_VALUE = { Ref: 'AWS::NoValue' };

export function fnIf(condition: unknown, ifTrue: unknown, ifFalse: unknown) {
  return { 'Fn::If': [condition, ifTrue, ifFalse] };
}

/** An enabled whole-bucket rule that aborts incomplete uploads after `days`. */
export function abortRule(days: unknown, extra: Record<string, unknown> = {}) {
  return { Id: 'abort', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: days }, ...extra };
}

export function lifecycle(...rules: unknown[]) {
  return { Rules: rules };
}
