import { CheckInput } from './check-input';
import { InputError } from './check-result';
import { isAssemblyManifest } from './cloud-assembly';
import { INPUT_LIMITS } from './input-limits';
import { sizeProblem } from './input-problems';
import { parseStructuredText } from './parse-structured-text';
import { isParseProblem } from './structured-text';
import { isTerraformPlan } from './terraform/terraform-plan';
import { isTemplate } from '../policy/template-resources';

/** What a file's text is: an input, a problem that is the file's error, or (for a file a search found) nothing to check. */
export type Recognised = CheckInput | { readonly kind: 'problem'; readonly problem: InputError } | { readonly kind: 'not-an-input' };

const NOT_AN_INPUT = { kind: 'not-an-input' } as const;

/**
 * Tells a template, a cloud assembly's manifest and a plan apart by content. `named`: the file was
 * given by name, so a file of none of these kinds is a problem (a search skips it), and so is a
 * template larger than CloudFormation takes.
 */
export function recogniseInput(path: string, realPath: string, text: string, named: boolean, maxFileBytes: number): Recognised {
  const problem = (message: string, line: number | null = null): Recognised => ({ kind: 'problem', problem: { file: path, line, message } });
  // A search skips files that cannot be templates without parsing them (package.json, tsconfig.json).
  if (!named && !/Resources|"artifacts"|"planned_values"|"resource_changes"/.test(text)) return NOT_AN_INPUT;
  const bytes = Buffer.byteLength(text);
  if (bytes > INPUT_LIMITS.templateBytes && !/^\uFEFF?\s*\{/.test(text)) {
    // Only JSON may be larger than a template (a plan, a cloud assembly manifest): YAML that large is never parsed.
    if (!named && !/AWS::/.test(text)) return NOT_AN_INPUT;
    return problem(sizeProblem('template', bytes, maxFileBytes));
  }
  const parsed = parseStructuredText(text);
  if (isParseProblem(parsed)) {
    if (!named && !/AWS::|"artifacts"/.test(text)) return NOT_AN_INPUT;
    return problem(parsed.message, parsed.line ?? null);
  }
  if (isAssemblyManifest(parsed.value)) return { kind: 'cloud-assembly', manifestFile: path, manifest: parsed.value };
  if (isTerraformPlan(parsed.value)) return { kind: 'terraform-plan', file: path, plan: parsed };
  if (isTemplate(parsed.value)) {
    return bytes > INPUT_LIMITS.templateBytes ? problem(sizeProblem('template', bytes, maxFileBytes)) : { kind: 'template', file: path, realPath, text: parsed };
  }
  if (!named) return NOT_AN_INPUT;
  return problem('not a CloudFormation or SAM template (no Resources with a Type), a cloud assembly manifest.json nor a Terraform plan (terraform show -json)');
}
