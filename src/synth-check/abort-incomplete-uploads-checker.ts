import { Annotations, AspectPriority, Aspects, IAspect, Stage } from 'aws-cdk-lib';
import { ArtifactMetadataEntryType } from 'aws-cdk-lib/cloud-assembly-schema';
import { IConstruct } from 'constructs';
import { findAcknowledgement } from './acknowledgement';
import { findingFor } from './finding';
import { evaluateBucketResource, isBucketResource } from '../bucket-resource/bucket-resource';
import { hasReason } from '../policy/acknowledgement';
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
    addEverywhere(scope, checker);
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

const registered = new WeakMap<Stage, Array<{ scope: IConstruct; checker: IAspect }>>();

/**
 * Adds the checker to the scope and to each Stage inside it. A Stage's
 * nested Stages are synthesized before its own Aspects run, so Stages that
 * appear later are covered by adding the checker when the enclosing Stage
 * starts to synthesize.
 */
function addEverywhere(scope: IConstruct, checker: IAspect): void {
  const host = Stage.isStage(scope) ? scope : Stage.of(scope);
  if (!host) {
    throw new Error(`AbortIncompleteUploadsChecker.applyTo: ${scope.node.path || 'the scope'} is not inside an App or Stage`);
  }
  let entries = registered.get(host);
  if (!entries) {
    const hostEntries: Array<{ scope: IConstruct; checker: IAspect }> = [];
    entries = hostEntries;
    registered.set(host, hostEntries);
    const synth = host.synth.bind(host);
    host.synth = (options) => {
      hostEntries.forEach(entry => addToTree(entry.scope, entry.checker));
      return synth(options);
    };
  }
  entries.push({ scope, checker });
  addToTree(scope, checker);
}

function addToTree(scope: IConstruct, checker: IAspect): void {
  for (const construct of [scope, ...scope.node.findAll().filter(Stage.isStage)]) {
    const aspects = Aspects.of(construct);
    if (!aspects.all.includes(checker)) {
      aspects.add(checker, { priority: AspectPriority.READONLY });
    }
  }
}
