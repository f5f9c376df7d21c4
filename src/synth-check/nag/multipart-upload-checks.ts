import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { S3BucketAbortRuleAccepted, S3BucketAbortsIncompleteUploads, S3BucketAbortsIncompleteUploadsInTime } from './rules';
import { evaluateEachTime, FindingOf, MultipartUploadNagRule } from './rules/nag-rule';
import { DEFAULT_MAX_DAYS, requireWholeDays } from '../../policy/evaluate';
import { MultipartUploadRuleId, RULES, RuleSeverity } from '../../policy/rule-catalogue';

/** Properties of the MultipartUploadChecks pack. */
export interface MultipartUploadChecksProps extends NagPackProps {
  /**
   * The latest `DaysAfterInitiation` that counts as in time (MPU2).
   * @default 7
   */
  readonly maxDays?: number;
}

/** The exported rule function of each rule, which the pack applies with the catalogue's texts. */
const RULE_FUNCTIONS: Readonly<Record<MultipartUploadRuleId, MultipartUploadNagRule>> = {
  [MultipartUploadRuleId.MPU1]: S3BucketAbortsIncompleteUploads,
  [MultipartUploadRuleId.MPU2]: S3BucketAbortsIncompleteUploadsInTime,
  [MultipartUploadRuleId.MPU3]: S3BucketAbortRuleAccepted,
};

/** The pack's name, the start of every rule id. */
const NAG_PACK_NAME = 'MultipartUpload';

const LEVELS: Readonly<Record<RuleSeverity, NagMessageLevel>> = { error: NagMessageLevel.ERROR, warning: NagMessageLevel.WARN };

/**
 * A cdk-nag 3 pack with the MultipartUpload rules, the same ones the
 * AbortIncompleteUploadsChecker Aspect reports. It applies the rule functions exported as `rules`.
 *
 * @example
 * import { App, Validations } from 'aws-cdk-lib';
 * import { MultipartUploadChecks } from 'cdk-mpu-guard';
 *
 * const app = new App();
 * Validations.of(app).addPlugins(new MultipartUploadChecks(app, { maxDays: 7 }));
 */
export class MultipartUploadChecks extends NagPack {
  public readonly name = 'MultipartUploadChecks';
  private readonly maxDays: number;

  /**
   * @param scope the app whose constructs the pack validates (cdk-nag 3 needs it for acknowledgements)
   * @param props the pack's options
   */
  constructor(scope?: IConstruct, props: MultipartUploadChecksProps = {}) {
    super(scope, props);
    this.packName = NAG_PACK_NAME;
    this.maxDays = requireWholeDays('maxDays', props.maxDays ?? DEFAULT_MAX_DAYS);
  }

  protected checkResource(node: CfnResource): void {
    const findingOf = evaluatedOnce(evaluateEachTime(this.maxDays));
    for (const definition of RULES) {
      const rule = RULE_FUNCTIONS[definition.id];
      this.applyRule({
        ruleSuffixOverride: nagSuffixOf(definition.id),
        info: definition.nagInfo(this.maxDays),
        explanation: definition.nagExplanation(this.maxDays),
        level: LEVELS[definition.severity],
        node,
        rule: (resource: CfnResource) => rule(resource, this.maxDays, findingOf),
      });
    }
  }
}

/** The three rules of one resource share one evaluation: rendering a bucket is the costly part. */
function evaluatedOnce(findingOf: FindingOf): FindingOf {
  let done: { node: CfnResource; finding: ReturnType<FindingOf> } | undefined;
  return node => {
    if (done?.node !== node) {
      done = { node, finding: findingOf(node) };
    }
    return done.finding;
  };
}

/** cdk-nag names a rule `<pack name>-<suffix>`: the suffix that makes it the catalogue's id. */
function nagSuffixOf(id: MultipartUploadRuleId): string {
  const prefix = `${NAG_PACK_NAME}-`;
  if (!id.startsWith(prefix)) {
    throw new Error(`rule id ${id} does not start with ${prefix}, so cdk-nag cannot report it under that id`);
  }
  return id.slice(prefix.length);
}
