import { parseStructuredText } from '../../src/file-check/parse-structured-text';
import { isParseProblem, ParseProblem, StructuredText } from '../../src/file-check/structured-text';

/** What the reader reads from `text`, which must parse. */
export function parsed(text: string): StructuredText {
  const result = parseStructuredText(text);
  if (isParseProblem(result)) throw new Error(`expected to parse, got line ${result.line}: ${result.message}`);
  return result;
}

/** The problem the reader finds in `text`, which must not parse. */
export function problem(text: string): ParseProblem {
  const result = parseStructuredText(text);
  if (!isParseProblem(result)) throw new Error(`expected a problem, got ${JSON.stringify(result.value)}`);
  return result;
}
