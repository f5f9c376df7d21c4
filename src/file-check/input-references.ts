import { INPUT_LIMITS } from './input-limits';
import { judgeProblem } from './input-problems';
import { InputReader } from './input-reader';
import { Admitted, isAbsent, Refused } from './input-tree';
import { parseJsonWithPositions } from './parse-json';
import { parseStructuredText } from './parse-structured-text';
import { isParseProblem, StructuredText } from './structured-text';
import { isTemplate } from '../policy/template-resources';

/** What named a file that mpu-check reads: an error about it is reported there. */
export interface Reference {
  readonly file: string;
  readonly line: number | null;
  /** What the reference is, e.g. `the template of nested stack Api`. */
  readonly what: string;
}

/**
 * The files that inputs name (a nested stack's template, a cloud assembly's stacks and metadata):
 * one that is missing, is not a regular file, or leads outside the root is an error at the
 * reference, and is not opened.
 */
export class InputReferences {
  constructor(private readonly reader: InputReader) {}

  /** The file a reference names, when it may be read; else one error at the reference. */
  admit(path: string, reference: Reference): Admitted | undefined {
    const visit: Admitted | Refused = this.reader.tree.visit(path);
    if (visit.kind === 'file') return visit;
    const message = visit.kind !== 'refused' ? `${reference.what}, ${path}, is a directory`
      : isAbsent(visit) ? `${reference.what} is missing: ${path}` : `${reference.what}, ${path}, ${visit.why}`;
    this.reader.report({ file: reference.file, line: reference.line, message });
    return undefined;
  }

  /** The template of a nested stack `depth` stacks deep, when it may be read and is not nested too deep; else one error at the reference. */
  admitNested(path: string, reference: Reference, depth: number): Admitted | undefined {
    if (depth >= INPUT_LIMITS.nestingOfStacksAndModules) {
      this.reader.report({ ...reference, message: `${reference.what} is nested more than ${INPUT_LIMITS.nestingOfStacksAndModules} stacks deep: not followed` });
      return undefined;
    }
    return this.admit(path, reference);
  }

  /**
   * The template a reference names, parsed: undefined when it was read before, or with one error
   * when it cannot be read, parsed, or is not a template.
   */
  template(path: string, reference: Reference): { readonly realPath: string; readonly text: StructuredText } | undefined {
    const file = this.admit(path, reference);
    if (file === undefined || !this.reader.firstVisit(file.realPath)) return undefined;
    const text = this.reader.read(path, file, INPUT_LIMITS.templateBytes);
    if (text === undefined) return undefined;
    try {
      const parsed = parseStructuredText(text);
      if (isParseProblem(parsed)) {
        this.reader.report({ file: path, line: parsed.line ?? null, message: parsed.message });
      } else if (!isTemplate(parsed.value)) {
        this.reader.report({ file: path, line: null, message: `${reference.what} (${reference.file}${reference.line === null ? '' : `:${reference.line}`}) is not a CloudFormation template (no Resources with a Type)` });
      } else {
        return { realPath: file.realPath, text: parsed };
      }
    } catch (error) {
      this.reader.report({ file: path, line: null, message: judgeProblem(error) });
    }
    return undefined;
  }

  /** A JSON file a reference names, parsed: undefined, with an error, when it cannot be read or parsed. */
  json(path: string, reference: Reference): unknown {
    const file = this.admit(path, reference);
    if (file === undefined) return undefined;
    const text = this.reader.read(path, file);
    if (text === undefined) return undefined;
    const parsed = parseJsonWithPositions(text);
    if (isParseProblem(parsed)) {
      this.reader.report({ file: path, line: parsed.line ?? null, message: parsed.message });
      return undefined;
    }
    return parsed.value;
  }
}
