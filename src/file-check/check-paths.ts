import { basename, dirname, extname, join } from 'node:path';
import { CdkAcknowledgements } from './cdk-acknowledgements';
import { CheckFs, nodeCheckFs } from './check-fs';
import { CheckedResource, CheckResult, InputError } from './check-result';
import { AssemblyStack, isAssemblyManifest, readAssembly } from './cloud-assembly';
import { INPUT_LIMITS } from './input-limits';
import { judgeProblem, readProblem, sizeProblem } from './input-problems';
import { Admitted, InputTree, isAbsent, Refused, TooLarge } from './input-tree';
import { isBucket, judgeBucket, JudgeOptions } from './judge-template';
import { localTemplateOf } from './nested-template';
import { parseJsonWithPositions } from './parse-json';
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
import { ExpansionLimitExceeded } from '../policy/for-each';
import { isTemplate, TemplateResource, templateResources } from '../policy/template-resources';

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
  /**
   * The one directory whose files may be read: a nested template, cloud assembly file, Terraform
   * module or symbolic link that leads outside it is an error, and is not opened.
   * @default - the current directory, and each path given that lies outside it
   */
  readonly root?: string;
  /**
   * The largest Terraform file, plan or cloud assembly manifest read, in bytes (a template is
   * bounded by CloudFormation's own 1,000,000 bytes).
   * @default 16777216 (16 MiB)
   */
  readonly maxFileBytes?: number;
  /**
   * The largest Terraform file in HCL's native syntax (`.tf`, `.tfvars`) read, in bytes: its parser
   * needs far more memory per byte than JSON's.
   * @default 262144 (256 KiB)
   */
  readonly maxHclBytes?: number;
}

/** The file names a directory search reads; a file named on the command line is read whatever its name. */
const TEMPLATE_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.template']);
/** Directories a search does not enter: dependencies, and hidden ones (.git, .aws-sam's build copies). */
const SKIPPED_DIRECTORIES = new Set(['node_modules']);

/**
 * Checks every CloudFormation or SAM template, cloud assembly and Terraform module or plan in
 * `paths` (files, or directories searched recursively), recognised by content: every bucket is
 * judged by the one lifecycle evaluator. Only regular files inside the root are read; a file that
 * cannot be read or judged is an error of its own, and the rest are checked.
 */
export async function checkPaths(paths: readonly string[], options: CheckOptions = {}, fs: CheckFs = nodeCheckFs()): Promise<CheckResult> {
  const tree = InputTree.forRun(fs, { root: options.root, paths });
  const run = new CheckRun(tree, {
    maxDays: requireWholeDays('maxDays', options.maxDays ?? DEFAULT_MAX_DAYS),
    level: options.level ?? 'error',
    maxFileBytes: options.maxFileBytes ?? INPUT_LIMITS.defaultFileBytes,
    maxHclBytes: options.maxHclBytes ?? INPUT_LIMITS.defaultHclBytes,
  });
  for (const path of paths) run.checkPath(path, !options.skipNonTemplates);
  await run.checkTerraformModules();
  return run.result();
}

interface RunOptions extends JudgeOptions {
  readonly maxFileBytes: number;
  readonly maxHclBytes: number;
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
  /** How many nested stacks deep this template is. */
  readonly depth: number;
}

/** What named a file that mpu-check reads: an error about it is reported there. */
interface Reference {
  readonly file: string;
  readonly line: number | null;
  /** What the reference is, e.g. `the template of nested stack Api`. */
  readonly what: string;
}

class CheckRun {
  private readonly resources: CheckedResource[] = [];
  private readonly errors: InputError[] = [];
  /** The errors added by addErrors, to add each once without comparing it with every other. */
  private readonly errorKeys = new Set<string>();
  private readonly seen = new Set<string>();
  private readonly walked = new Set<string>();
  /** The results of each template checked as a template of its own, by real path. */
  private readonly checkedAlone = new Map<string, number[]>();
  private templates = 0;
  private plans = 0;
  private terraformModules = 0;
  private bucketLimitReported = false;
  /** The directories holding `.tf` files, by real path, read once the search is done (the HCL parser is asynchronous). */
  private readonly terraformDirectories = new Map<string, string>();

  constructor(private readonly tree: InputTree, private readonly options: RunOptions) {}

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
    const modules = new TerraformModules(this.tree, loadHclParser(), { json: this.options.maxFileBytes, hcl: this.options.maxHclBytes });
    const read: TerraformModule[] = [];
    for (const directory of this.terraformDirectories.values()) {
      const module = await modules.module(directory);
      if (Array.isArray(module)) this.addErrors(module);
      else read.push(module);
    }
    const called = new Set<string>();
    for (const module of read) {
      for (const source of modules.localSources(module)) called.add(source);
    }
    const reached = new Set<string>();
    for (const root of read.filter(module => !called.has(module.realPath))) await this.checkTerraformTree(modules, root, reached);
    // Modules that only call each other in a cycle are no one's callee: each cycle is checked from its first module, which reports it.
    for (const module of read) {
      if (!reached.has(module.realPath)) await this.checkTerraformTree(modules, module, reached);
    }
  }

  private async checkTerraformTree(modules: TerraformModules, root: TerraformModule, reached: Set<string>): Promise<void> {
    this.terraformModules++;
    try {
      const tree = await modules.evaluateTree(root, [...TERRAFORM_BUCKET_TYPES, TERRAFORM_LIFECYCLE_CONFIGURATION_TYPE]);
      tree.reached.forEach(realPath => reached.add(realPath));
      this.addErrors(tree.problems);
      this.judgeTerraform(terraformSubjects(tree.resources));
    } catch (error) {
      reached.add(root.realPath);
      this.addError({ file: root.directory, line: null, message: judgeProblem(error) });
    }
  }

  /** Problems, each told once: the search may meet an unreadable directory that a module reads again. */
  private addErrors(errors: readonly InputError[]): void {
    for (const error of errors) this.addError(error);
  }

  private addError(error: InputError): void {
    const key = JSON.stringify([error.file, error.line, error.message]);
    if (this.errorKeys.has(key)) return;
    this.errorKeys.add(key);
    this.errors.push(error);
  }

  private judgeTerraform(subjects: readonly TerraformSubject[]): void {
    for (const subject of subjects) {
      const judged = judgeTerraformSubject(subject, this.options);
      if (judged) this.addResource(judged);
    }
  }

  /** Adds a bucket's result, up to the most one run reports. */
  private addResource(resource: CheckedResource): boolean {
    if (this.resources.length >= INPUT_LIMITS.bucketsPerRun) {
      if (!this.bucketLimitReported) {
        this.addError({
          file: resource.file,
          line: resource.line,
          message: `more than ${INPUT_LIMITS.bucketsPerRun.toLocaleString('en-US')} buckets in one run: this one and the rest are not judged; check fewer paths per run`,
        });
        this.bucketLimitReported = true;
      }
      return false;
    }
    this.resources.push(resource);
    return true;
  }

  private addTerraformDirectory(directory: string, realPath: string): void {
    if (!this.terraformDirectories.has(realPath)) this.terraformDirectories.set(realPath, directory);
  }

  /** `named`: a file is reported when it is neither a template nor a manifest (a search skips it). */
  checkPath(path: string, named: boolean): void {
    const visit = this.tree.visit(path);
    if (visit.kind === 'refused') {
      this.addError({ file: path, line: null, message: visit.why });
      return;
    }
    if (visit.kind === 'file') {
      this.checkFile(path, visit, named);
      return;
    }
    const before = { inputs: this.templates + this.plans + this.terraformDirectories.size, errors: this.errors.length };
    this.checkDirectory(path, visit);
    if (this.templates + this.plans + this.terraformDirectories.size === before.inputs && this.errors.length === before.errors) {
      this.addError({
        file: path,
        line: null,
        message: 'found no CloudFormation or SAM template (.json, .yaml, .yml, .template), cloud assembly, Terraform module (.tf) or plan here',
      });
    }
  }

  /** Walks a directory once, however often it is reached (symbolic links, a path given twice). */
  private checkDirectory(directory: string, admitted: Admitted): void {
    if (this.walked.has(admitted.realPath)) return;
    this.walked.add(admitted.realPath);
    const manifestPath = join(directory, 'manifest.json');
    const manifest = this.tree.visit(manifestPath);
    if (manifest.kind === 'file' && this.checkFile(manifestPath, manifest, false)) {
      return;
    }
    let names: string[];
    try {
      names = this.tree.list(directory);
    } catch (error) {
      this.addError({ file: directory, line: null, message: readProblem(error) });
      return;
    }
    if (names.some(isTerraformFileName)) this.addTerraformDirectory(directory, admitted.realPath);
    for (const name of names) {
      const path = join(directory, name);
      const readable = TEMPLATE_EXTENSIONS.has(extname(name).toLowerCase()) || isTerraformFileName(name);
      const enters = !name.startsWith('.') && !SKIPPED_DIRECTORIES.has(name);
      if (!readable && !enters) continue;
      const visit = this.tree.visit(path);
      if (visit.kind === 'refused') {
        // Only what the search would have read or entered is worth a word: a FIFO named notes.txt, or a link to a file outside named README.md, is not.
        if (readable || (enters && visit.target === 'directory')) this.addError({ file: path, line: null, message: visit.why });
      } else if (visit.kind === 'directory' && enters) {
        this.checkDirectory(path, visit);
      } else if (visit.kind === 'file' && readable && !isTerraformFileName(name)) {
        this.checkFile(path, visit, false);
      }
    }
  }

  /** Checks a template, a cloud assembly's manifest or a plan; false for a file of neither kind found by a search. */
  private checkFile(path: string, file: Admitted, named: boolean): boolean {
    if (isTerraformFileName(path) || /\.tfvars(\.json)?$/.test(path)) {
      // Terraform reads a directory as one module: a file stands for its module.
      const directory = dirname(path);
      const visit = this.tree.visit(directory);
      if (visit.kind === 'directory') this.addTerraformDirectory(directory, visit.realPath);
      return true;
    }
    if (!this.firstVisit(file.realPath)) return true;
    const text = this.read(path, file);
    if (text === undefined) return true;
    // A search skips files that cannot be templates without parsing them (package.json, tsconfig.json).
    if (!named && !/Resources|"artifacts"|"planned_values"|"resource_changes"/.test(text)) return false;
    try {
      return this.judgeFile(path, file, text, named);
    } catch (error) {
      this.addError({ file: path, line: null, message: judgeProblem(error) });
      return true;
    }
  }

  private judgeFile(path: string, file: Admitted, text: string, named: boolean): boolean {
    const bytes = Buffer.byteLength(text);
    if (bytes > INPUT_LIMITS.templateBytes && !/^\uFEFF?\s*\{/.test(text)) {
      // Only JSON may be larger than a template (a plan, a cloud assembly manifest): YAML that large is never parsed.
      if (!named && !/AWS::/.test(text)) return false;
      this.addError({ file: path, line: null, message: sizeProblem('template', bytes, this.options.maxFileBytes) });
      return true;
    }
    const parsed = parseStructuredText(text);
    if (isParseProblem(parsed)) {
      if (!named && !/AWS::|"artifacts"/.test(text)) return false;
      this.addError({ file: path, line: parsed.line ?? null, message: parsed.message });
      return true;
    }
    if (isAssemblyManifest(parsed.value)) {
      this.checkAssembly(path, parsed.value);
      return true;
    }
    if (isTerraformPlan(parsed.value)) {
      this.checkPlan(path, parsed);
      return true;
    }
    if (isTemplate(parsed.value)) {
      if (bytes > INPUT_LIMITS.templateBytes) {
        this.addError({ file: path, line: null, message: sizeProblem('template', bytes, this.options.maxFileBytes) });
      } else {
        this.checkTemplate(path, file.realPath, parsed, { depth: 0 });
      }
      return true;
    }
    if (named) {
      this.addError({
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

  private checkAssembly(manifestPath: string, manifest: { artifacts: Record<string, unknown> }): void {
    const contents = readAssembly(dirname(manifestPath), manifest, (path, what) => this.readJson(path, { file: manifestPath, line: null, what }));
    this.addErrors(contents.problems.map(problem => ({ ...problem, line: null })));
    for (const stack of contents.stacks) this.checkAssemblyStack(stack, manifestPath);
  }

  private checkAssemblyStack(stack: AssemblyStack, manifestPath: string): void {
    const context: TemplateContext = {
      stack: stack.name,
      cdk: { acknowledgements: stack.acknowledgements, stackPath: `/${stack.name}`, nestedTemplates: stack.nestedTemplates },
      depth: 0,
    };
    this.checkTemplateFile(stack.templateFile, context, { file: manifestPath, line: null, what: `the template of stack ${stack.name}` });
  }

  private checkTemplateFile(path: string, context: TemplateContext, reference: Reference): void {
    const file = this.admit(path, reference);
    if (file === undefined || !this.firstVisit(file.realPath)) return;
    const text = this.read(path, file, INPUT_LIMITS.templateBytes);
    if (text === undefined) return;
    try {
      const parsed = parseStructuredText(text);
      if (isParseProblem(parsed)) {
        this.addError({ file: path, line: parsed.line ?? null, message: parsed.message });
      } else if (!isTemplate(parsed.value)) {
        this.addError({ file: path, line: null, message: `${reference.what} (${reference.file}${reference.line === null ? '' : `:${reference.line}`}) is not a CloudFormation template (no Resources with a Type)` });
      } else {
        this.checkTemplate(path, file.realPath, parsed, context);
      }
    } catch (error) {
      this.addError({ file: path, line: null, message: judgeProblem(error) });
    }
  }

  private checkTemplate(file: string, realPath: string, parsed: StructuredText, context: TemplateContext): void {
    this.templates++;
    const alone: number[] | undefined = context.stack === undefined ? [] : undefined;
    if (alone) this.checkedAlone.set(realPath, alone);
    const template = parsed.value as Record<string, unknown>;
    const resourcesBlock = template.Resources as Record<string, unknown>;
    const cdk = context.cdk;
    let expanded: TemplateResource[];
    try {
      expanded = templateResources(template);
    } catch (error) {
      if (!(error instanceof ExpansionLimitExceeded)) throw error;
      this.addError({ file, line: positionIn(parsed, resourcesBlock, error.writtenKey).line, message: error.message });
      return;
    }
    for (const resource of expanded) {
      const position = positionIn(parsed, resourcesBlock, resource.writtenKey);
      if (isBucket(resource)) {
        const path = cdk?.acknowledgements.pathOf(cdk.stackPath, resource.logicalId);
        const judged = judgeBucket(resource, { file, ...position, stack: context.stack }, this.options,
          ruleId => (cdk && path !== undefined ? cdk.acknowledgements.find(path, ruleId) : undefined));
        if (this.addResource(judged)) alone?.push(this.resources.length - 1);
        continue;
      }
      const nested = localTemplateOf(resource, dirname(file), cdk?.nestedTemplates);
      if (nested === undefined) continue;
      const stackPath = cdk?.acknowledgements.nestedStackPath(cdk.stackPath, resource.logicalId);
      const stack = stackPath !== undefined ? stackPath.slice(1)
        : context.stack === undefined ? `${basename(file)} ${resource.logicalId}` : `${context.stack}/${resource.logicalId}`;
      const reference = { file, line: position.line, what: `the template of nested stack ${resource.logicalId}` };
      if (context.depth >= INPUT_LIMITS.nestingOfStacksAndModules) {
        this.addError({ ...reference, message: `${reference.what} is nested more than ${INPUT_LIMITS.nestingOfStacksAndModules} stacks deep: not followed` });
        continue;
      }
      const admitted = this.admit(nested, reference);
      if (admitted === undefined) continue;
      this.claimAsNested(admitted.realPath, stack);
      this.checkTemplateFile(nested, {
        stack,
        // A nested stack the metadata does not name still has its assets; no acknowledgement matches it.
        cdk: cdk ? { ...cdk, stackPath: stackPath ?? '(unknown nested stack)' } : undefined,
        depth: context.depth + 1,
      }, reference);
    }
  }

  /** The file a reference names, when it may be read; else one error at the reference. */
  private admit(path: string, reference: Reference): Admitted | undefined {
    const visit: Admitted | Refused = this.tree.visit(path);
    if (visit.kind === 'file') return visit;
    const message = visit.kind !== 'refused' ? `${reference.what}, ${path}, is a directory`
      : isAbsent(visit) ? `${reference.what} is missing: ${path}` : `${reference.what}, ${path}, ${visit.why}`;
    this.addError({ file: reference.file, line: reference.line, message });
    return undefined;
  }

  /**
   * A directory search may reach a nested template before its parent: its results, taken as a
   * template of its own, then learn the stack that deploys them.
   */
  private claimAsNested(realPath: string, stack: string): void {
    for (const index of this.checkedAlone.get(realPath) ?? []) this.resources[index] = { ...this.resources[index], stack };
    this.checkedAlone.delete(realPath);
  }

  private firstVisit(realPath: string): boolean {
    if (this.seen.has(realPath)) return false;
    this.seen.add(realPath);
    return true;
  }

  /** The file's text, up to `maxBytes`; else one error for the file. */
  private read(path: string, file: Admitted, maxBytes = this.options.maxFileBytes): string | undefined {
    try {
      return this.tree.read(file, maxBytes);
    } catch (error) {
      const message = error instanceof TooLarge
        ? sizeProblem(maxBytes === INPUT_LIMITS.templateBytes ? 'template' : 'file', error.size, this.options.maxFileBytes)
        : readProblem(error);
      this.addError({ file: path, line: null, message });
      return undefined;
    }
  }

  /** A JSON file of a cloud assembly: undefined, with an error, when it cannot be read or parsed. */
  private readJson(path: string, reference: Reference): unknown {
    const file = this.admit(path, reference);
    if (file === undefined) return undefined;
    const text = this.read(path, file);
    if (text === undefined) return undefined;
    const parsed = parseJsonWithPositions(text);
    if (isParseProblem(parsed)) {
      this.addError({ file: path, line: parsed.line ?? null, message: parsed.message });
      return undefined;
    }
    return parsed.value;
  }
}

function positionIn(parsed: StructuredText, owner: Record<string, unknown>, key: string): { line: number; column: number } {
  return parsed.positionOfKey(owner, key) ?? { line: 1, column: 1 };
}
