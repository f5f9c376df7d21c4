import { dirname } from 'node:path';
import { CloudAssemblyInput } from './check-input';
import { TemplateCheck } from './check-template';
import { readAssembly } from './cloud-assembly';
import { InputReferences } from './input-references';
import { ResultCollector } from './result-collector';

/**
 * Checks a cloud assembly: the template of each of its stacks, and of its nested assemblies'
 * stacks, with the acknowledgements the CDK app wrote in the stack's metadata.
 */
export function checkCloudAssembly(
  input: CloudAssemblyInput, references: InputReferences, templates: TemplateCheck, results: ResultCollector,
): void {
  const { manifestFile } = input;
  const readFile = (path: string, what: string) => references.json(path, { file: manifestFile, line: null, what });
  const contents = readAssembly(dirname(manifestFile), input.manifest, readFile);
  results.addErrors(contents.problems.map(problem => ({ ...problem, line: null })));
  for (const stack of contents.stacks) {
    templates.checkReferenced(stack.templateFile, {
      stack: stack.name,
      cdk: { acknowledgements: stack.acknowledgements, stackPath: `/${stack.name}`, nestedTemplates: stack.nestedTemplates },
      depth: 0,
    }, { file: manifestFile, line: null, what: `the template of stack ${stack.name}` });
  }
}
