import { Annotations, AspectPriority, IAspect } from 'aws-cdk-lib';
import { ArtifactMetadataEntryType } from 'aws-cdk-lib/cloud-assembly-schema';
import { IConstruct } from 'constructs';
import { findAcknowledgement } from './acknowledgement';
import { addEverywhere } from './apply-everywhere';
import { evaluateBucketResource, isBucketResource } from '../bucket-resource/bucket-resource';
import { hasReason } from '../policy/acknowledgement';
import { findingFor } from '../policy/cdk-finding';
import { DEFAULT_MAX_DAYS, requireWholeDays } from '../policy/evaluate';

/** How a finding is reported. */
export enum FindingLevel {
  /** An error annotation: `cdk synth` fails. */
  ERROR = 'ERROR',
  /** A warning annotation: `cdk synth` fails only with `--strict`. */
  WARNING = 'WARNING',
}

/** Properties of the AbortIncompleteUploadsChecker. */
export interface AbortIncompleteUploadsCheckerProps {
  /**
   * The latest `DaysAfterInitiation` that counts as in time.
   * @default 7
   */
  readonly maxDays?: number;
  /**
   * How findings are reported. Unresolved values are always warnings.
   * @default FindingLevel.ERROR
   */
  readonly level?: FindingLevel;
}

/**
 * An Aspect that reports every S3 bucket (`AWS::S3::Bucket`,
 * `AWS::S3Express::DirectoryBucket`) whose lifecycle rules, as written to the
 * template, do not abort incomplete multipart uploads in time.
 *
 * Findings are annotations on the bucket resource, starting with the rule id
 * (`MultipartUpload-MPU1` to `-MPU3`). Acknowledge one with
 * `Validations.of(scope).acknowledge({ id, reason })` on the bucket or an ancestor.
 *
 * @example
 * import { App } from 'aws-cdk-lib';
 * import { AbortIncompleteUploadsChecker } from 'cdk-mpu-guard';
 *
 * const app = new App();
 * AbortIncompleteUploadsChecker.applyTo(app, { maxDays: 7 });
 */
export class AbortIncompleteUploadsChecker implements IAspect {
  /**
   * Checks every bucket in `scope` and in every Stage inside it, including
   * Stages added after this call (an Aspect added to an App does not reach
   * into its Stages). The checker runs after mutating Aspects.
   */
  public static applyTo(scope: IConstruct, props: AbortIncompleteUploadsCheckerProps = {}): AbortIncompleteUploadsChecker {
    const checker = new AbortIncompleteUploadsChecker(props);
    addEverywhere(scope, checker, AspectPriority.READONLY, 'AbortIncompleteUploadsChecker.applyTo');
    return checker;
  }

  private readonly maxDays: number;
  private readonly level: FindingLevel;

  /** @param props how late counts as in time, and how findings are reported */
  constructor(props: AbortIncompleteUploadsCheckerProps = {}) {
    this.maxDays = requireWholeDays('maxDays', props.maxDays ?? DEFAULT_MAX_DAYS);
    this.level = props.level ?? FindingLevel.ERROR;
  }

  public visit(node: IConstruct): void {
    if (!isBucketResource(node)) {
      return;
    }
    const finding = findingFor(evaluateBucketResource(node, this.maxDays), this.maxDays);
    if (!finding) {
      return;
    }
    const acknowledged = findAcknowledgement(node, finding.ruleId);
    if (acknowledged && hasReason(acknowledged)) {
      annotate(node, ArtifactMetadataEntryType.INFO, `${finding.ruleId} acknowledged at ${acknowledged.where}: ${acknowledged.reason} (finding: ${finding.message})`);
    } else if (acknowledged) {
      annotate(node, ArtifactMetadataEntryType.ERROR, `${finding.ruleId}: the acknowledgement at ${acknowledged.where} has no reason, so it is refused. `
        + `Give one: Validations.of(scope).acknowledge({ id: '${finding.ruleId}', reason: '...' }). Finding: ${finding.message}`);
    } else if (finding.unresolved || this.level === FindingLevel.WARNING) {
      Annotations.of(node).addWarningV2(finding.ruleId, finding.message);
    } else {
      annotate(node, ArtifactMetadataEntryType.ERROR, finding.message);
    }
  }
}

/**
 * What `Annotations.addError` / `addInfo` write, without their stack trace:
 * taken inside an Aspect it only shows CDK's aspect machinery, and capturing
 * it was most of the checker's cost. Warnings keep `addWarningV2`, which
 * honours `Annotations.acknowledgeWarning`.
 */
function annotate(node: IConstruct, type: ArtifactMetadataEntryType.ERROR | ArtifactMetadataEntryType.INFO, message: string): void {
  if (!node.node.metadata.some(entry => entry.data === message)) {
    node.node.addMetadata(type, message);
  }
}
