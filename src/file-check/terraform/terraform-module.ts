import { join } from 'node:path';
import { Acknowledgement } from '../../policy/acknowledgement';
import { isRecord } from '../../policy/fields';
import { InputError } from '../check-result';
import { INPUT_LIMITS } from '../input-limits';
import { excerpt, readProblem, sizeProblem, sizeText } from '../input-problems';
import { InputTree, TooLarge } from '../input-tree';
import { parseJsonWithPositions } from '../parse-json';
import { isParseProblem, StructuredText } from '../structured-text';
import { acknowledgementsOfBlock, ACKNOWLEDGE_COMMENT } from './comment-acknowledgement';
import { hclNestingBeyond } from './hcl-nesting';
import { HclBlockPlace, scanHclSource } from './hcl-source';
import { HclBody, HclParser } from './hcl-syntax';

/** A `resource`, `data` or `module` block of a module, with where it is written. */
export interface TerraformBlock {
  /** The resource type (`aws_s3_bucket`); undefined for a module call. */
  readonly type?: string;
  readonly name: string;
  readonly body: Record<string, unknown>;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly acknowledgements: ReadonlyMap<string, Acknowledgement>;
}

/** One Terraform module: the `.tf` and `.tf.json` files of one directory, merged as Terraform merges them. */
export interface TerraformModule {
  readonly directory: string;
  /** The directory with every symbolic link resolved: one module however it is reached. */
  readonly realPath: string;
  readonly files: readonly string[];
  readonly resources: readonly TerraformBlock[];
  readonly moduleCalls: readonly TerraformBlock[];
  /** Each `variable` block's body. */
  readonly variables: ReadonlyMap<string, Record<string, unknown>>;
  /** Each `output` block's body. */
  readonly outputs: ReadonlyMap<string, Record<string, unknown>>;
  /** Each local value, as written. */
  readonly locals: ReadonlyMap<string, unknown>;
  /** Values from terraform.tfvars and *.auto.tfvars (and their .json forms), later files winning: a root module's only. */
  readonly variableFiles: ReadonlyMap<string, unknown>;
}

/** The names of a directory that make it a Terraform module. */
export function isTerraformFileName(name: string): boolean {
  return name.endsWith('.tf') || name.endsWith('.tf.json');
}

/** The files `terraform plan` reads variable values from, in the order it reads them. */
function isVariableFileName(name: string): boolean {
  return name === 'terraform.tfvars' || name === 'terraform.tfvars.json' || /\.auto\.tfvars(\.json)?$/.test(name);
}

/** Where a module's files are read from, and how large one may be. */
export interface ModuleSource {
  readonly tree: InputTree;
  readonly parser: HclParser;
  /** The largest file read: `.tf.json` and `.tfvars.json` files, and those in HCL's native syntax. */
  readonly maxBytes: { readonly json: number; readonly hcl: number };
  /** What is left of the Terraform configuration the run may read, all modules together. */
  readonly left: { bytes: number };
}

/**
 * Reads a module, or says which of its files cannot be read (Terraform refuses such a module too).
 * The directory must be one the tree admits.
 */
export async function readTerraformModule(directory: string, realPath: string, source: ModuleSource): Promise<TerraformModule | InputError[]> {
  let names: string[];
  try {
    names = source.tree.list(directory);
  } catch (error) {
    return [{ file: directory, line: null, message: readProblem(error) }];
  }
  const problems: InputError[] = [];
  const parts: ParsedFile[] = [];
  for (const name of names.filter(isTerraformFileName)) {
    const file = join(directory, name);
    const parsed = await parseFile(file, name, source);
    if (parsed === 'directory') continue;
    if ('message' in parsed) problems.push(parsed);
    else parts.push(parsed);
  }
  const variableFiles = new Map<string, unknown>();
  const variableNames = [...names.filter(name => name.startsWith('terraform.tfvars')), ...names.filter(name => /\.auto\.tfvars(\.json)?$/.test(name))];
  for (const name of variableNames.filter(isVariableFileName)) {
    const parsed = await parseFile(join(directory, name), name, source);
    if (parsed === 'directory') continue;
    if ('message' in parsed) problems.push(parsed);
    else for (const [key, value] of Object.entries(parsed.body)) variableFiles.set(key, value);
  }
  if (problems.length > 0) return problems;
  return {
    directory,
    realPath,
    files: parts.map(part => part.file),
    resources: parts.flatMap(part => typedBlocks(part, 'resource')),
    moduleCalls: parts.flatMap(part => namedBlocks(part, 'module', undefined, part.body.module)),
    variables: new Map(parts.flatMap(part => Object.entries(asMap(part.body.variable)).map(([name, body]) => [name, firstBody(body)] as const))),
    outputs: new Map(parts.flatMap(part => Object.entries(asMap(part.body.output)).map(([name, body]) => [name, firstBody(body)] as const))),
    locals: new Map(parts.flatMap(part => asList(part.body.locals).flatMap(locals => Object.entries(isRecord(locals) ? locals : {})))),
    variableFiles,
  };
}

interface ParsedFile {
  readonly file: string;
  readonly body: HclBody;
  /** Where a block of the file starts, and its acknowledgements. */
  readonly placeOf: (kind: string, labels: readonly string[], owner: object, body: Record<string, unknown>) => Omit<TerraformBlock, 'type' | 'name' | 'body'>;
}

/** A file of the module: parsed, or why not; 'directory' for a directory whose name ends in .tf (Terraform skips it too). */
async function parseFile(file: string, name: string, source: ModuleSource): Promise<ParsedFile | InputError | 'directory'> {
  const visit = source.tree.visit(file);
  if (visit.kind === 'refused') return { file, line: null, message: visit.why };
  if (visit.kind === 'directory') return 'directory';
  const syntax = name.endsWith('.json') ? 'json' : 'hcl';
  let text: string;
  try {
    text = source.tree.read(visit, source.maxBytes[syntax]);
  } catch (error) {
    return { file, line: null, message: error instanceof TooLarge ? sizeProblem(syntax === 'json' ? 'file' : 'hcl', error.size, source.maxBytes[syntax]) : readProblem(error) };
  }
  source.left.bytes -= text.length;
  if (source.left.bytes < 0) {
    return { file, line: null, message: `not read: the run has read ${sizeText(INPUT_LIMITS.terraformBytesPerRun)} of Terraform configuration, as much as it holds at once; check fewer paths per run` };
  }
  if (name.endsWith('.json')) return parseJsonFile(file, text);
  const tooDeep = hclNestingBeyond(text, INPUT_LIMITS.nestingDepth);
  if (tooDeep !== undefined) {
    return { file, line: tooDeep, message: `not read: brackets, strings and interpolations nested more than ${INPUT_LIMITS.nestingDepth} deep` };
  }
  let body: HclBody;
  try {
    body = await source.parser.parseFile(name, text);
  } catch (error) {
    const message = String((error as Error).message ?? error);
    const line = /:(\d+),\d+/.exec(message);
    return { file, line: line ? Number(line[1]) : null, message: `not valid HCL: ${excerpt(message.replace(/^.*?errors on input string '.*?': /s, ''), 200)}` };
  }
  const { blocks, comments } = scanHclSource(text);
  const places = placesByLabels(blocks);
  return {
    file,
    body,
    placeOf: (kind, labels) => {
      const block = places.get(labelKey(kind, labels));
      if (block === undefined) return { file, line: 1, column: 1, acknowledgements: new Map() };
      return { file, line: block.line, column: block.column, acknowledgements: acknowledgementsOfBlock(block, comments, file) };
    },
  };
}

/** The first block of each kind and labels, to place every block in one pass. */
function placesByLabels(blocks: readonly HclBlockPlace[]): Map<string, HclBlockPlace> {
  const places = new Map<string, HclBlockPlace>();
  for (const block of blocks) {
    const key = labelKey(block.kind, block.labels);
    if (!places.has(key)) places.set(key, block);
  }
  return places;
}

function labelKey(kind: string, labels: readonly string[]): string {
  return [kind, ...labels].join('\0');
}

/** Terraform's JSON syntax: the same blocks, and `"//"` properties as comments. */
function parseJsonFile(file: string, text: string): ParsedFile | InputError {
  const parsed = parseJsonWithPositions(text);
  if (isParseProblem(parsed) || !isRecord(parsed.value)) {
    return { file, line: isParseProblem(parsed) ? parsed.line ?? null : null, message: isParseProblem(parsed) ? parsed.message : 'not a Terraform JSON configuration (an object)' };
  }
  return {
    file,
    body: parsed.value,
    placeOf: (_kind, labels, owner, body) => ({ file, ...positionIn(parsed, owner, labels), acknowledgements: jsonAcknowledgements(body, file) }),
  };
}

function positionIn(parsed: StructuredText, owner: object, labels: readonly string[]): { line: number; column: number } {
  return parsed.positionOfKey(owner, labels[labels.length - 1]) ?? { line: 1, column: 1 };
}

function jsonAcknowledgements(body: Record<string, unknown>, file: string): Map<string, Acknowledgement> {
  const comments = [body['//']].flat().filter((comment): comment is string => typeof comment === 'string' && comment.includes(ACKNOWLEDGE_COMMENT));
  const block = { kind: 'resource', labels: [], line: 1, column: 1, endLine: comments.length };
  return acknowledgementsOfBlock(block, comments.map((text, index) => ({ line: index + 1, text, ownLine: true })), file);
}

function typedBlocks(part: ParsedFile, kind: 'resource'): TerraformBlock[] {
  return Object.entries(asMap(part.body[kind])).flatMap(([type, byName]) => namedBlocks(part, kind, type, byName));
}

function namedBlocks(part: ParsedFile, kind: string, type: string | undefined, byName: unknown): TerraformBlock[] {
  const owner = asMap(byName);
  return Object.entries(owner).flatMap(([name, bodies]) => asList(bodies).filter(isRecord).map(body => ({
    type,
    name,
    body,
    ...part.placeOf(kind, type === undefined ? [name] : [type, name], owner, body),
  })));
}

function asMap(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function firstBody(value: unknown): Record<string, unknown> {
  const [body] = asList(value);
  return isRecord(body) ? body : {};
}
