import { parseJsonWithPositions } from './parse-json';
import { parseYaml } from './parse-yaml';
import { isParseProblem, ParseProblem, StructuredText } from './structured-text';

/**
 * Reads JSON or YAML (JSON is YAML's flow style) as CloudFormation does: every short-form
 * intrinsic tag (`!Ref`, `!GetAtt a.b`, `!If`, `!Sub`, ... `!Transform`) becomes its long form,
 * duplicate keys and more than one document are errors, and positions are kept for messages.
 */
export function parseStructuredText(text: string): StructuredText | ParseProblem {
  // CloudFormation reads a template as JSON when it is JSON, else as YAML. The JSON reader is
  // about 50 times faster than the YAML one on the large templates of cloud assemblies.
  if (/^\uFEFF?\s*\{/.test(text)) {
    const json = parseJsonWithPositions(text);
    if (!isParseProblem(json) || json.final) return json;
    const yaml = parseYaml(text);
    return isParseProblem(yaml) ? json : yaml;
  }
  return parseYaml(text);
}
