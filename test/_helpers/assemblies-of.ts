import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';

/** The cloud assembly of the synthesized app and those of its Stages, nested ones included. */
export function assembliesOf(app: App): CloudAssembly[] {
  const all: CloudAssembly[] = [];
  const collect = (assembly: CloudAssembly) => {
    all.push(assembly);
    assembly.nestedAssemblies.forEach(nested => collect(nested.nestedAssembly));
  };
  collect(app.synth());
  return all;
}
