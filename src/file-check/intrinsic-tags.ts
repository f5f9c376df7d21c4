import { YAMLMap, YAMLSeq } from './parsers';

/** The short forms of CloudFormation's intrinsic functions and conditions, AWS::LanguageExtensions' included. */
const INTRINSIC_SHORT_FORMS: readonly string[] = [
  'Ref', 'Condition', 'GetAtt', 'Sub', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'ImportValue', 'Equals', 'Not', 'And', 'Or',
  'Base64', 'Cidr', 'GetAZs', 'Transform', 'Length', 'ToJsonString',
];

/**
 * The short forms as tags the YAML parser knows, on a scalar, a sequence or a mapping: left
 * unknown, each costs the parser a warning with its stack trace, about half of its time on a
 * typical template. The values stay as written; parse-yaml.ts turns a tagged node into its long form.
 */
export const INTRINSIC_TAGS = INTRINSIC_SHORT_FORMS.flatMap(name => [
  { tag: `!${name}`, resolve: (text: string) => text },
  { tag: `!${name}`, collection: 'seq' as const, nodeClass: YAMLSeq, resolve: (seq: unknown) => seq },
  { tag: `!${name}`, collection: 'map' as const, nodeClass: YAMLMap, resolve: (map: unknown) => map },
]);
