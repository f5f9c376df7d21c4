import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';

/**
 * The SARIF 2.1.0 JSON schema (draft-04) of the OASIS standard with its errata 01: the schema
 * @microsoft/jest-sarif ships (2.1.0-rtm.5, the committee's last release candidate) with the
 * errata's changes applied. Beside these it only adds `type: string` to enums of strings.
 */
function sarifSchema(): any {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  // rtm.5's language pattern has a stray bracket (an invalid regular expression with the u flag).
  const language = '^[a-zA-Z]{2}(-[a-zA-Z]{2})?$';
  schema.definitions.run.properties.language.pattern = language;
  schema.definitions.toolComponent.properties.language.pattern = language;
  // A region must say where it starts.
  schema.definitions.region.anyOf = [{ required: ['startLine'] }, { required: ['charOffset'] }, { required: ['byteOffset'] }];
  schema.properties.runs.type = ['array', 'null'];
  return schema;
}

let validator: ((log: unknown) => boolean) & { errors?: unknown } | undefined;

/** The schema's complaints about `log`, as `instancePath message` lines; empty when it is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validator === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(sarifSchema());
  }
  if (validator(log)) return [];
  return (validator.errors as Array<{ instancePath: string; message?: string }>).map(error => `${error.instancePath} ${error.message ?? ''}`);
}
