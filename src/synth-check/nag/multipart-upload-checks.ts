import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { S3BucketAbortRuleAccepted, S3BucketAbortsIncompleteUploads, S3BucketAbortsIncompleteUploadsInTime } from './rules';
import { evaluateEachTime, FindingOf, MultipartUploadNagRule } from './rules/nag-rule';
import { DEFAULT_MAX_DAYS, requireWholeDays } from '../../policy/evaluate';

/** Properties of the MultipartUploadChecks pack. */
export interface MultipartUploadChecksProps extends NagPackProps {
  /**
   * The latest `DaysAfterInitiation` that counts as in time (MPU2).
   * @default 7
   */
  readonly maxDays?: number;
}

/** One rule of the pack: the exported rule function, with the texts cdk-nag prints. */
interface PackRule {
  readonly suffix: string;
  readonly rule: MultipartUploadNagRule;
  readonly info: (maxDays: number) => string;
  readonly explanation: (maxDays: number) => string;
}

const PACK_RULES: readonly PackRule[] = [
  {
    suffix: 'MPU1',
    rule: S3BucketAbortsIncompleteUploads,
    info: () => 'The S3 bucket keeps the parts of failed multipart uploads forever: no enabled lifecycle rule aborts incomplete uploads for the whole bucket.',
    explanation: () => 'Parts of an upload that never completed are invisible to LIST and GET but billed until the upload is aborted. '
      + 'Add a lifecycle rule with abortIncompleteMultipartUploadAfter and no prefix, tag or size filter.',
  },
  {
    suffix: 'MPU2',
    rule: S3BucketAbortsIncompleteUploadsInTime,
    info: maxDays => `The S3 bucket aborts incomplete multipart uploads later than ${maxDays} days after initiation.`,
    explanation: maxDays => `Orphaned parts are billed until the abort. Set abortIncompleteMultipartUploadAfter to ${maxDays} days or less.`,
  },
  {
    suffix: 'MPU3',
    rule: S3BucketAbortRuleAccepted,
    info: () => 'The S3 bucket combines AbortIncompleteMultipartUpload with a tag or object-size filter, which S3 rejects at deploy time.',
    explanation: () => 'S3 answers 400 for an abort action in a rule that filters on tags or object size. Move the abort action to a rule without those filters.',
  },
];

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
    this.packName = 'MultipartUpload';
    this.maxDays = requireWholeDays('maxDays', props.maxDays ?? DEFAULT_MAX_DAYS);
  }

  protected checkResource(node: CfnResource): void {
    const findingOf = evaluatedOnce(evaluateEachTime(this.maxDays));
    for (const { suffix, rule, info, explanation } of PACK_RULES) {
      this.applyRule({
        ruleSuffixOverride: suffix,
        info: info(this.maxDays),
        explanation: explanation(this.maxDays),
        level: NagMessageLevel.ERROR,
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
