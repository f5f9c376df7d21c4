import { dirname } from 'node:path';
import { CdkAcknowledgements } from './cdk-acknowledgements';
import { judgeProblem } from './input-problems';
import { InputReferences, Reference } from './input-references';
import { isBucket, judgeBucket, JudgeOptions } from './judge-template';
import { localTemplateOf, nestedStackName } from './nested-template';
import { ResultCollector } from './result-collector';
import { StructuredText } from './structured-text';
import { ExpansionLimitExceeded } from '../policy/for-each';
import { TemplateResource, templateResources } from '../policy/template-resources';

/** A template of a CDK app's cloud assembly: where its acknowledgements and nested templates are found. */
export interface CdkContext {
  readonly acknowledgements: CdkAcknowledgements;
  /** The construct path of the stack or nested stack whose template this is. */
  readonly stackPath: string;
  readonly nestedTemplates: ReadonlyMap<string, string>;
}

/** Where a template stands: the stack that deploys it, if any. */
export interface TemplateContext {
  readonly stack?: string;
  readonly cdk?: CdkContext;
  /** How many nested stacks deep this template is. */
  readonly depth: number;
}

/** Where a nested stack is written: its parent template, and the line of its resource there. */
interface NestingPlace {
  readonly file: string;
  readonly line: number;
  readonly context: TemplateContext;
}

/**
 * Checks CloudFormation and SAM templates: every bucket judged, every nested stack's local
 * template followed and checked in its turn, as the template of that stack.
 */
export class TemplateCheck {
  constructor(private readonly results: ResultCollector, private readonly references: InputReferences, private readonly options: JudgeOptions) {}

  /** Checks the template a reference names (a stack's, a nested stack's), unless it was checked before. */
  checkReferenced(path: string, context: TemplateContext, reference: Reference): void {
    const template = this.references.template(path, reference);
    if (template === undefined) return;
    try {
      this.check(path, template.realPath, template.text, context);
    } catch (error) {
      this.results.addError({ file: path, line: null, message: judgeProblem(error) });
    }
  }

  check(file: string, realPath: string, parsed: StructuredText, context: TemplateContext): void {
    this.results.countTemplate();
    const aloneIn = context.stack === undefined ? realPath : undefined;
    const template = parsed.value as Record<string, unknown>;
    const resourcesBlock = template.Resources as Record<string, unknown>;
    const cdk = context.cdk;
    let expanded: TemplateResource[];
    try {
      expanded = templateResources(template);
    } catch (error) {
      if (!(error instanceof ExpansionLimitExceeded)) throw error;
      this.results.addError({ file, line: positionIn(parsed, resourcesBlock, error.writtenKey).line, message: error.message });
      return;
    }
    for (const resource of expanded) {
      const position = positionIn(parsed, resourcesBlock, resource.writtenKey);
      if (isBucket(resource)) {
        const path = cdk?.acknowledgements.pathOf(cdk.stackPath, resource.logicalId);
        const judged = judgeBucket(resource, { file, ...position, stack: context.stack }, this.options,
          ruleId => (cdk && path !== undefined ? cdk.acknowledgements.find(path, ruleId) : undefined));
        this.results.addResource(judged, aloneIn);
        continue;
      }
      const nested = localTemplateOf(resource, dirname(file), cdk?.nestedTemplates);
      if (nested !== undefined) this.checkNested(nested, resource.logicalId, { file, line: position.line, context });
    }
  }

  /** Checks the local template of a nested stack as that stack's, unless it is nested too deep or cannot be read. */
  private checkNested(nested: string, logicalId: string, parent: NestingPlace): void {
    const { file, context } = parent;
    const cdk = context.cdk;
    const stackPath = cdk?.acknowledgements.nestedStackPath(cdk.stackPath, logicalId);
    const stack = nestedStackName({ file, stack: context.stack }, logicalId, stackPath);
    const reference = { file, line: parent.line, what: `the template of nested stack ${logicalId}` };
    const admitted = this.references.admitNested(nested, reference, context.depth);
    if (admitted === undefined) return;
    this.results.claimAsNested(admitted.realPath, stack);
    this.checkReferenced(nested, {
      stack,
      // A nested stack the metadata does not name still has its assets; no acknowledgement matches it.
      cdk: cdk ? { ...cdk, stackPath: stackPath ?? '(unknown nested stack)' } : undefined,
      depth: context.depth + 1,
    }, reference);
  }
}

function positionIn(parsed: StructuredText, owner: Record<string, unknown>, key: string): { line: number; column: number } {
  return parsed.positionOfKey(owner, key) ?? { line: 1, column: 1 };
}
