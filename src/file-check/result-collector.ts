import { CheckedResource, CheckResult, InputError } from './check-result';
import { INPUT_LIMITS } from './input-limits';

/**
 * The results of one run as they are found: each bucket, up to the most one run reports, each
 * error once, and how many inputs of each kind were checked.
 */
export class ResultCollector {
  private readonly resources: CheckedResource[] = [];
  private readonly errors: InputError[] = [];
  /** The errors added, to add each once without comparing it with every other. */
  private readonly errorKeys = new Set<string>();
  /** The results of each template checked as a template of its own, by real path. */
  private readonly checkedAlone = new Map<string, number[]>();
  private bucketLimitReported = false;
  private templates = 0;
  private plans = 0;
  private terraformModules = 0;

  result(): CheckResult {
    return {
      resources: this.resources,
      errors: this.errors,
      templatesChecked: this.templates,
      terraformModulesChecked: this.terraformModules,
      terraformPlansChecked: this.plans,
    };
  }

  /** Problems, each told once: the search may meet an unreadable directory that a module reads again. */
  addErrors(errors: readonly InputError[]): void {
    for (const error of errors) this.addError(error);
  }

  addError(error: InputError): void {
    const key = JSON.stringify([error.file, error.line, error.message]);
    if (this.errorKeys.has(key)) return;
    this.errorKeys.add(key);
    this.errors.push(error);
  }

  get errorCount(): number {
    return this.errors.length;
  }

  /** The templates and plans checked so far. */
  get filesChecked(): number {
    return this.templates + this.plans;
  }

  countTemplate(): void {
    this.templates++;
  }

  countPlan(): void {
    this.plans++;
  }

  countTerraformModule(): void {
    this.terraformModules++;
  }

  addResources(resources: Iterable<CheckedResource>): void {
    for (const resource of resources) this.addResource(resource);
  }

  /**
   * Adds a bucket's result, up to the most one run reports; `aloneIn`, the real path of a template
   * checked as one of its own, whose results a nested stack may claim later.
   */
  addResource(resource: CheckedResource, aloneIn?: string): void {
    if (this.resources.length >= INPUT_LIMITS.bucketsPerRun) {
      if (!this.bucketLimitReported) {
        this.addError({
          file: resource.file,
          line: resource.line,
          message: `more than ${INPUT_LIMITS.bucketsPerRun.toLocaleString('en-US')} buckets in one run: this one and the rest are not judged; check fewer paths per run`,
        });
        this.bucketLimitReported = true;
      }
      return;
    }
    this.resources.push(resource);
    if (aloneIn === undefined) return;
    const alone = this.checkedAlone.get(aloneIn);
    if (alone) alone.push(this.resources.length - 1);
    else this.checkedAlone.set(aloneIn, [this.resources.length - 1]);
  }

  /**
   * A directory search may reach a nested template before its parent: its results, taken as a
   * template of its own, then learn the stack that deploys them.
   */
  claimAsNested(realPath: string, stack: string): void {
    for (const index of this.checkedAlone.get(realPath) ?? []) this.resources[index] = { ...this.resources[index], stack };
    this.checkedAlone.delete(realPath);
  }
}
