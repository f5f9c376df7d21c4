import { MultipartUploadRuleId, Verdict } from '../policy/verdict';

/** How serious a result is, as linters say it. */
export type Severity = 'error' | 'warning' | 'note';

/** One bucket found in the inputs, compliant or not. */
export interface CheckedResource {
  /** The file the resource is written in, as given or found below a given directory. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The logical id (in a cloud assembly, of the stack's template that holds it). */
  readonly id: string;
  readonly type: string;
  /** Where it was found beside the file: the stack of a cloud assembly, the parent of a nested template. */
  readonly stack?: string;
  readonly verdict: Verdict;
  /** The rule the bucket breaks (MPU1 when it cannot be judged, verdict UNRESOLVED); null when it is compliant. */
  readonly ruleId: MultipartUploadRuleId | null;
  /** The reason given where the finding was acknowledged, or null. */
  readonly acknowledged: string | null;
  /** What was found and, for a finding, the fix in the template's terms. */
  readonly message: string;
  /** error or warning for an unacknowledged finding, note otherwise. */
  readonly severity: Severity;
}

/** An input that could not be read: the rest are still checked. */
export interface InputError {
  readonly file: string;
  /** The line of the problem, or null when it is not about one line. */
  readonly line: number | null;
  readonly message: string;
}

export interface CheckResult {
  /** Every bucket found, in the order of the inputs. */
  readonly resources: CheckedResource[];
  readonly errors: InputError[];
  /** How many templates were read (cloud assembly stacks and nested templates included). */
  readonly templatesChecked: number;
  /** How many Terraform root modules were read (with the modules they call), and how many plans. */
  readonly terraformModulesChecked?: number;
  readonly terraformPlansChecked?: number;
}

/** How many inputs of any kind were read. */
export function inputsChecked(result: CheckResult): number {
  return result.templatesChecked + (result.terraformModulesChecked ?? 0) + (result.terraformPlansChecked ?? 0);
}

/** The findings that fail a check: unacknowledged, at error level. */
export function failingFindings(result: CheckResult): CheckedResource[] {
  return result.resources.filter(resource => resource.severity === 'error');
}
