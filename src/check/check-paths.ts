import { basename, dirname, extname, join } from 'node:path';
import { CdkAcknowledgements } from './cdk-acknowledgements';
import { CheckFs, nodeCheckFs } from './check-fs';
import { CheckedResource, CheckResult, InputError } from './check-result';
import { AssemblyStack, isAssemblyManifest, readAssembly } from './cloud-assembly';
import { isBucket, judgeBucket, JudgeOptions } from './judge-template';
import { localTemplateOf } from './nested-template';
import { parseStructuredText } from './parse-structured-text';
import { isParseProblem, StructuredText } from './structured-text';
import { loadHclParser } from './terraform/hcl-syntax';
import { judgeTerraformSubject } from './terraform/judge-terraform';
import { TerraformModules } from './terraform/module-tree';
import { terraformSubjects } from './terraform/terraform-buckets';
import { isTerraformFileName, TerraformModule } from './terraform/terraform-module';
import { isTerraformPlan, terraformPlanSubjects } from './terraform/terraform-plan';
import { TerraformSubject } from './terraform/terraform-subject';
import { TERRAFORM_BUCKET_TYPES, TERRAFORM_LIFECYCLE_CONFIGURATION_TYPE } from '../policy/bucket-types';
import { DEFAULT_MAX_DAYS, requireWholeDays } from '../policy/evaluate';
import { isTemplate, templateResources } from '../policy/template-resources';

export interface CheckOptions {
  /**
   * The latest `DaysAfterInitiation` that counts as in time.
   * @default 7
   */
  readonly maxDays?: number;
  /**
   * How unacknowledged findings are reported; unresolved ones are always warnings.
   * @default 'error'
   */
  readonly level?: 'error' | 'warning';
  /**
   * Skip a file given in `paths` that is not a template nor a cloud assembly manifest, as a
   * directory search skips it, instead of reporting it as an error: for callers that pass every
   * file of a kind (pre-commit passes each staged `.json` and `.yaml`, package.json included).
   * @default false
   */
  readonly skipNonTemplates?: boolean;
}

/** The file names a directory search reads; a file named on the command line is read whatever its name. */
const TEMPLATE_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.template']);
/** Directories a search does not enter: dependencies, and hidden ones (.git, .aws-sam's build copies). */
const SKIPPED_DIRECTORIES = new Set(['node_modules']);

/**
 * Checks every CloudFormation or SAM template and cloud assembly in `paths` (files, or
 * directories searched recursively), recognised by content: every bucket is judged by the one
 * lifecycle evaluator. A file that cannot be read is an error of its own; the rest are checked.
 */
export async function checkPaths(paths: readonly string[], options: CheckOptions = {}, fs: CheckFs = nodeCheckFs): Promise<CheckResult> {
  const run = new CheckRun(fs, { maxDays: requireWholeDays('maxDays', options.maxDays ?? DEFAULT_MAX_DAYS), level: options.level ?? 'error' });
  for (const path of paths) run.checkPath(path, !options.skipNonTemplates);
  await run.checkTerraformModules();
  return run.result();
}

interface CdkContext {
  readonly acknowledgements: CdkAcknowledgements;
  /** The construct path of the stack or nested stack whose template this is. */
  readonly stackPath: string;
  readonly nestedTemplates: ReadonlyMap<string, string>;
}

interface TemplateContext {
  readonly stack?: string;
  readonly cdk?: CdkContext;
}

class CheckRun {
  private readonly resources: CheckedResource[] = [];
  private readonly errors: InputError[] = [];
  private readonly seen = new Set<string>();
  /** The results of each template checked as a template of its own, by file identity. */
  private readonly checkedAlone = new Map<string, number[]>();
  /** Each path's file identity, resolved once: a template is first visited, then judged and maybe claimed as nested. */
  private readonly identities = new Map<string, string>();
  private templates = 0;
  private plans = 0;
  private terraformModules = 0;
  /** The directories holding `.tf` files, read once the search is done (the HCL parser is asynchronous). */
  private readonly terraformDirectories = new Map<string, string>();

  constructor(private readonly fs: CheckFs, private readonly options: JudgeOptions) {}

  result(): CheckResult {
    return {
      resources: this.resources,
      errors: this.errors,
      templatesChecked: this.templates,
      terraformModulesChecked: this.terraformModules,
      terraformPlansChecked: this.plans,
    };
  }

  /**
   * Checks each Terraform root module found: a module that another one found calls with a local
   * source is checked through that call, with the values it passes.
   */
  async checkTerraformModules(): Promise<void> {
    if (this.terraformDirectories.size === 0) return;
    const modules = new TerraformModules(this.fs, loadHclParser());
    const read: TerraformModule[] = [];
    for (const directory of this.terraformDirectories.values()) {
      const module = await modules.module(directory);
      if (Array.isArray(module)) this.addErrors(module);
      else read.push(module);
    }
    const called = new Set<string>();
    for (const module of read) {
      for (const source of await modules.localSources(module)) called.add(this.identityOf(source));
    }
    for (const root of read.filter(module => !called.has(this.identityOf(module.directory)))) {
      this.terraformModules++;
      const tree = await modules.evaluateTree(root, [...TERRAFORM_BUCKET_TYPES, TERRAFORM_LIFECYCLE_CONFIGURATION_TYPE]);
      this.addErrors(tree.problems);
      this.judgeTerraform(terraformSubjects(tree.resources));
    }
  }

  /** A module's problems, each once: the search may have met the same unreadable directory before. */
  private addErrors(errors: readonly InputError[]): void {
    for (const error of errors) {
      const known = this.errors.some(other => other.file === error.file && other.line === error.line && other.message === error.message);
      if (!known) this.errors.push(error);
    }
  }

  private judgeTerraform(subjects: readonly TerraformSubject[]): void {
    for (const subject of subjects) {
      const judged = judgeTerraformSubject(subject, this.options);
      if (judged) this.resources.push(judged);
    }
  }

  private addTerraformDirectory(directory: string): void {
    const identity = this.identityOf(directory);
    if (!this.terraformDirectories.has(identity)) this.terraformDirectories.set(identity, directory);
  }

  /** `named`: a file is reported when it is neither a template nor a manifest (a search skips it). */
  checkPath(path: string, named: boolean): void {
    switch (this.fs.kind(path)) {
      case 'missing':
        this.errors.push({ file: path, line: null, message: 'no such file or directory' });
        return;
      case 'directory': {
        const before = { inputs: this.templates + this.plans + this.terraformDirectories.size, errors: this.errors.length };
        this.checkDirectory(path);
        if (this.templates + this.plans + this.terraformDirectories.size === before.inputs && this.errors.length === before.errors) {
          this.errors.push({
            file: path,
            line: null,
            message: 'found no CloudFormation or SAM template (.json, .yaml, .yml, .template), cloud assembly, Terraform module (.tf) or plan here',
          });
        }
        return;
      }
      default:
        this.checkFile(path, named);
    }
  }

  private checkDirectory(directory: string): void {
    const manifest = join(directory, 'manifest.json');
    if (this.fs.kind(manifest) === 'file' && this.checkFile(manifest, false)) {
      return;
    }
    const names = this.list(directory);
    if (names.some(isTerraformFileName)) this.addTerraformDirectory(directory);
    for (const name of names) {
      const path = join(directory, name);
      const kind = this.fs.kind(path);
      if (kind === 'directory' && !name.startsWith('.') && !SKIPPED_DIRECTORIES.has(name)) {
        this.checkDirectory(path);
      } else if (kind === 'file' && TEMPLATE_EXTENSIONS.has(extname(name).toLowerCase()) && !isTerraformFileName(name)) {
        this.checkFile(path, false);
      }
    }
  }

  /** Checks a template or a cloud assembly's manifest; false for a file of neither kind found by a search. */
  private checkFile(path: string, named: boolean): boolean {
    if (isTerraformFileName(path) || /\.tfvars(\.json)?$/.test(path)) {
      // Terraform reads a directory as one module: a file stands for its module.
      this.addTerraformDirectory(dirname(path));
      return true;
    }
    if (!this.firstVisit(path)) return true;
    const text = this.read(path);
    if (text === undefined) return true;
    // A search skips files that cannot be templates without parsing them (package.json, tsconfig.json).
    if (!named && !/Resources|"artifacts"|"planned_values"|"resource_changes"/.test(text)) return false;
    const parsed = parseStructuredText(text);
    if (isParseProblem(parsed)) {
      if (!named && !/AWS::|"artifacts"/.test(text)) return false;
      this.errors.push({ file: path, line: parsed.line ?? null, message: parsed.message });
      return true;
    }
    if (isAssemblyManifest(parsed.value)) {
      this.checkAssembly(dirname(path), parsed.value);
      return true;
    }
    if (isTemplate(parsed.value)) {
      this.checkTemplate(path, parsed, {});
      return true;
    }
    if (isTerraformPlan(parsed.value)) {
      this.checkPlan(path, parsed);
      return true;
    }
    if (named) {
      this.errors.push({
        file: path,
        line: null,
        message: 'not a CloudFormation or SAM template (no Resources with a Type), a cloud assembly manifest.json nor a Terraform plan (terraform show -json)',
      });
    }
    return named;
  }

  private checkPlan(file: string, plan: StructuredText): void {
    this.plans++;
    this.judgeTerraform(terraformPlanSubjects(plan, file));
  }

  private checkAssembly(directory: string, manifest: { artifacts: Record<string, unknown> }): void {
    const contents = readAssembly(directory, manifest, file => this.readJson(file));
    this.errors.push(...contents.problems.map(problem => ({ ...problem, line: null })));
    for (const stack of contents.stacks) this.checkAssemblyStack(stack);
  }

  private checkAssemblyStack(stack: AssemblyStack): void {
    const context: TemplateContext = {
      stack: stack.name,
      cdk: { acknowledgements: stack.acknowledgements, stackPath: `/${stack.name}`, nestedTemplates: stack.nestedTemplates },
    };
    this.checkTemplateFile(stack.templateFile, context, `the template of stack ${stack.name}`);
  }

  private checkTemplateFile(path: string, context: TemplateContext, what: string): void {
    if (!this.firstVisit(path)) return;
    if (this.fs.kind(path) !== 'file') {
      this.errors.push({ file: path, line: null, message: `${what} is missing` });
      return;
    }
    const text = this.read(path);
    if (text === undefined) return;
    const parsed = parseStructuredText(text);
    if (isParseProblem(parsed)) {
      this.errors.push({ file: path, line: parsed.line ?? null, message: parsed.message });
    } else if (!isTemplate(parsed.value)) {
      this.errors.push({ file: path, line: null, message: `${what} is not a CloudFormation template (no Resources with a Type)` });
    } else {
      this.checkTemplate(path, parsed, context);
    }
  }

  private checkTemplate(file: string, parsed: StructuredText, context: TemplateContext): void {
    this.templates++;
    const alone: number[] | undefined = context.stack === undefined ? [] : undefined;
    if (alone) this.checkedAlone.set(this.identityOf(file), alone);
    const template = parsed.value as Record<string, unknown>;
    const resourcesBlock = template.Resources as Record<string, unknown>;
    const cdk = context.cdk;
    for (const resource of templateResources(template)) {
      const position = parsed.positionOfKey(resourcesBlock, resource.writtenKey) ?? { line: 1, column: 1 };
      if (isBucket(resource)) {
        const path = cdk?.acknowledgements.pathOf(cdk.stackPath, resource.logicalId);
        alone?.push(this.resources.length);
        this.resources.push(judgeBucket(resource, { file, ...position, stack: context.stack }, this.options,
          ruleId => (cdk && path !== undefined ? cdk.acknowledgements.find(path, ruleId) : undefined)));
        continue;
      }
      const nested = localTemplateOf(resource, dirname(file), cdk?.nestedTemplates);
      if (nested === undefined) continue;
      const stackPath = cdk?.acknowledgements.nestedStackPath(cdk.stackPath, resource.logicalId);
      const stack = stackPath !== undefined ? stackPath.slice(1)
        : context.stack === undefined ? `${basename(file)} ${resource.logicalId}` : `${context.stack}/${resource.logicalId}`;
      if (this.fs.kind(nested) !== 'file') {
        // Where the user can fix it, and where code scanning can show it: the nested stack's resource.
        this.errors.push({ file, line: position.line, message: `the template of nested stack ${resource.logicalId} is missing: ${nested}` });
        continue;
      }
      this.claimAsNested(nested, stack);
      this.checkTemplateFile(nested, {
        stack,
        // A nested stack the metadata does not name still has its assets; no acknowledgement matches it.
        cdk: cdk ? { ...cdk, stackPath: stackPath ?? '(unknown nested stack)' } : undefined,
      }, `the template of nested stack ${resource.logicalId} (${file}:${position.line})`);
    }
  }

  /**
   * A directory search may reach a nested template before its parent: its results, taken as a
   * template of its own, then learn the stack that deploys them.
   */
  private claimAsNested(path: string, stack: string): void {
    const identity = this.identityOf(path);
    for (const index of this.checkedAlone.get(identity) ?? []) this.resources[index] = { ...this.resources[index], stack };
    this.checkedAlone.delete(identity);
  }

  private firstVisit(path: string): boolean {
    const identity = this.identityOf(path);
    if (this.seen.has(identity)) return false;
    this.seen.add(identity);
    return true;
  }

  private identityOf(path: string): string {
    let identity = this.identities.get(path);
    if (identity === undefined) {
      identity = this.fs.identity(path);
      this.identities.set(path, identity);
    }
    return identity;
  }

  private read(path: string): string | undefined {
    try {
      return this.fs.readText(path);
    } catch (error) {
      this.errors.push({ file: path, line: null, message: `cannot read: ${(error as Error).message}` });
      return undefined;
    }
  }

  private list(directory: string): string[] {
    try {
      return this.fs.list(directory);
    } catch (error) {
      this.errors.push({ file: directory, line: null, message: `cannot read: ${(error as Error).message}` });
      return [];
    }
  }

  private readJson(path: string): unknown {
    if (this.fs.kind(path) !== 'file') return undefined;
    const text = this.read(path);
    try {
      return text === undefined ? undefined : JSON.parse(text);
    } catch (error) {
      this.errors.push({ file: path, line: null, message: `not valid JSON: ${(error as Error).message}` });
      return undefined;
    }
  }
}
