import { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagPackProps } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { complianceFor, evaluateEachTime, FindingOf } from './rules/rule-for';
import { DEFAULT_MAX_DAYS, requireWholeDays } from '../../policy/evaluate';
import { MultipartUploadRuleId } from '../../policy/verdict';

/** Properties of the MultipartUploadChecks pack. */
export interface MultipartUploadChecksProps extends NagPackProps {
  /**
   * The latest `DaysAfterInitiation` that counts as in time (MPU2).
   * @default 7
   */
  readonly maxDays?: number;
}

/**
 * A cdk-nag 3 pack with the MultipartUpload rules, the same ones the
 * AbortIncompleteUploadsChecker Aspect reports:
 * `Validations.of(app).addPlugins(new MultipartUploadChecks(app))`.
 */
export class MultipartUploadChecks extends NagPack {
  public readonly name = 'MultipartUploadChecks';
  private readonly maxDays: number;

  constructor(scope?: IConstruct, props: MultipartUploadChecksProps = {}) {
    super(scope, props);
    this.packName = 'MultipartUpload';
    this.maxDays = requireWholeDays('maxDays', props.maxDays ?? DEFAULT_MAX_DAYS);
  }

  protected checkResource(node: CfnResource): void {
    const findingOf = evaluatedOnce(evaluateEachTime(this.maxDays));
    this.applyRule({
      ruleSuffixOverride: 'MPU1',
      info: 'The S3 bucket keeps the parts of failed multipart uploads forever: no enabled lifecycle rule aborts incomplete uploads for the whole bucket.',
      explanation: 'Parts of an upload that never completed are invisible to LIST and GET but billed until the upload is aborted. '
        + 'Add a lifecycle rule with abortIncompleteMultipartUploadAfter and no prefix, tag or size filter.',
      level: NagMessageLevel.ERROR,
      node,
      rule: (resource: CfnResource) => complianceFor(MultipartUploadRuleId.MPU1, resource, findingOf),
    });
    this.applyRule({
      ruleSuffixOverride: 'MPU2',
      info: `The S3 bucket aborts incomplete multipart uploads later than ${this.maxDays} days after initiation.`,
      explanation: `Orphaned parts are billed until the abort. Set abortIncompleteMultipartUploadAfter to ${this.maxDays} days or less.`,
      level: NagMessageLevel.ERROR,
      node,
      rule: (resource: CfnResource) => complianceFor(MultipartUploadRuleId.MPU2, resource, findingOf),
    });
    this.applyRule({
      ruleSuffixOverride: 'MPU3',
      info: 'The S3 bucket combines AbortIncompleteMultipartUpload with a tag or object-size filter, which S3 rejects at deploy time.',
      explanation: 'S3 answers 400 for an abort action in a rule that filters on tags or object size. Move the abort action to a rule without those filters.',
      level: NagMessageLevel.ERROR,
      node,
      rule: (resource: CfnResource) => complianceFor(MultipartUploadRuleId.MPU3, resource, findingOf),
    });
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
