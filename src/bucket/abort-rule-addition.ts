import { CfnResource, Duration } from 'aws-cdk-lib';
import { l2BucketOwning } from './bucket-of-resource';
import { lifecycleConfigurationOfResource, renderedProperties } from '../bucket-resource/lifecycle-of-resource';
import { field, isRecord } from '../policy/fields';

/** The whole-bucket rule to add: its id (made unique among the bucket's rule ids) and its days. */
export interface AbortRule {
  readonly id: string;
  readonly days: number;
}

/**
 * Adds an enabled whole-bucket abort rule to a bucket resource, keeping every rule it has. The
 * resource's L2 bucket, when it is one's default child, gets it through `addLifecycleRule`: the L1's
 * `lifecycleConfiguration` is derived from the L2's rule list, and assigning it would drop rules the
 * L2 gets later. Any other resource (an L1, an included template's bucket, a directory bucket) gets
 * its rules as written to the template, overrides included, plus the new one. Returns the id given
 * to the rule, or undefined when the rule list is an intrinsic no rule can be added to.
 */
export function addAbortRule(node: CfnResource, rule: AbortRule): string | undefined {
  const owner = l2BucketOwning(node);
  if (owner) {
    const id = uniqueRuleId(rule.id, lifecycleConfigurationOfResource(node));
    owner.addLifecycleRule({ id, enabled: true, abortIncompleteMultipartUploadAfter: Duration.days(rule.days) });
    return id;
  }
  const configuration: unknown = renderedProperties(node).LifecycleConfiguration;
  const id = uniqueRuleId(rule.id, configuration);
  const templateRule = { Id: id, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: rule.days } };
  const override = overrideAdding(configuration, templateRule);
  if (!override) {
    return undefined;
  }
  node.addPropertyOverride(override.path, override.value);
  return id;
}

/**
 * `preferred`, or `preferred-2`, `-3`... when a rule of the configuration already has that id: S3
 * refuses two rules with one id, and a disabled or late rule may hold the name the new one wants.
 */
export function uniqueRuleId(preferred: string, configuration: unknown): string {
  const taken = new Set<unknown>();
  collectRuleIds(configuration, taken);
  let id = preferred;
  for (let n = 2; taken.has(id); n++) {
    id = `${preferred}-${n}`;
  }
  return id;
}

/** Every `Id`/`id` in the configuration, in every branch of its `Fn::If`s. */
function collectRuleIds(value: unknown, taken: Set<unknown>): void {
  if (Array.isArray(value)) {
    value.forEach(item => collectRuleIds(item, taken));
  } else if (isRecord(value)) {
    taken.add(field(value, 'Id'));
    Object.values(value).forEach(item => collectRuleIds(item, taken));
  }
}

interface Override {
  readonly path: string;
  readonly value: unknown;
}

/**
 * The property override that adds `rule`: the rule list with it appended when the configuration is
 * a mapping (so later changes to the configuration's other fields still count), or the whole
 * configuration when it is absent or chosen by `Fn::If`, with the rule in every branch.
 */
function overrideAdding(configuration: unknown, rule: object): Override | undefined {
  if (isRecord(configuration) && !isIntrinsic(configuration)) {
    const rules = rulesAdding(field(configuration, 'Rules'), rule);
    return rules === undefined ? undefined : { path: 'LifecycleConfiguration.Rules', value: rules };
  }
  const whole = configurationAdding(configuration, rule);
  return whole === undefined ? undefined : { path: 'LifecycleConfiguration', value: whole };
}

function configurationAdding(configuration: unknown, rule: object): unknown {
  if (configuration === undefined || isNoValue(configuration)) {
    return { Rules: [rule] };
  }
  const branches = fnIfBranches(configuration);
  if (branches) {
    return eachBranch(branches, branch => configurationAdding(branch, rule));
  }
  if (isRecord(configuration) && !isIntrinsic(configuration)) {
    const rules = rulesAdding(field(configuration, 'Rules'), rule);
    return rules === undefined ? undefined : { ...configuration, Rules: rules };
  }
  return undefined;
}

function rulesAdding(rules: unknown, rule: object): unknown {
  if (rules === undefined || isNoValue(rules)) {
    return [rule];
  }
  if (Array.isArray(rules)) {
    return [...rules, rule];
  }
  const branches = fnIfBranches(rules);
  return branches ? eachBranch(branches, branch => rulesAdding(branch, rule)) : undefined;
}

type Branches = readonly [unknown, unknown, unknown];

function fnIfBranches(value: unknown): Branches | undefined {
  const fnIf = isRecord(value) && Object.keys(value).length === 1 ? value['Fn::If'] : undefined;
  return Array.isArray(fnIf) && fnIf.length === 3 ? fnIf as unknown as Branches : undefined;
}

/** The `Fn::If` with `change` applied to both branches, or undefined when either cannot be changed. */
function eachBranch([condition, ifTrue, ifFalse]: Branches, change: (branch: unknown) => unknown): unknown {
  const [whenTrue, whenFalse] = [change(ifTrue), change(ifFalse)];
  return whenTrue === undefined || whenFalse === undefined ? undefined : { 'Fn::If': [condition, whenTrue, whenFalse] };
}

function isNoValue(value: unknown): boolean {
  return isRecord(value) && value.Ref === 'AWS::NoValue' && Object.keys(value).length === 1;
}

function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}
