import { join } from 'node:path';
import { CdkAcknowledgements } from './cdk-acknowledgements';
import { INPUT_LIMITS } from './input-limits';
import { isRecord } from '../policy/fields';

/** One stack of a cloud assembly, as its manifest describes it. */
export interface AssemblyStack {
  /** The stack's display name (`Prod/Api`), which is also its construct path without the leading slash. */
  readonly name: string;
  readonly templateFile: string;
  readonly acknowledgements: CdkAcknowledgements;
  /** The local template file of each nested stack, by the asset object key its `TemplateURL` names. */
  readonly nestedTemplates: ReadonlyMap<string, string>;
}

export interface AssemblyContents {
  readonly stacks: AssemblyStack[];
  readonly problems: Array<{ readonly file: string; readonly message: string }>;
}

/** A parsed cloud assembly `manifest.json`, as far as mpu-check reads it. */
export interface AssemblyManifest {
  readonly artifacts: Record<string, unknown>;
}

/** True for a parsed cloud assembly `manifest.json`. */
export function isAssemblyManifest(value: unknown): value is AssemblyManifest {
  return isRecord(value) && typeof value.version === 'string' && isRecord(value.artifacts);
}

/** Reads a JSON file of the assembly; `what` names it for the errors, which the reader reports itself. */
export type AssemblyFileReader = (file: string, what: string) => unknown;

/**
 * The stacks of the cloud assembly in `directory` and of every nested assembly (a Stage's), with
 * each stack's metadata from the manifest or from its `additionalMetadataFile`.
 */
export function readAssembly(
  directory: string, manifest: AssemblyManifest, read: AssemblyFileReader, depth = 0,
): AssemblyContents {
  const stacks: AssemblyStack[] = [];
  const problems: AssemblyContents['problems'] = [];
  const nestedTemplates = assetTemplates(directory, manifest.artifacts, read);
  for (const [id, artifact] of Object.entries(manifest.artifacts)) {
    if (!isRecord(artifact) || !isRecord(artifact.properties)) continue;
    const properties = artifact.properties;
    if (artifact.type === 'aws:cloudformation:stack' && typeof properties.templateFile === 'string') {
      stacks.push({
        name: typeof artifact.displayName === 'string' ? artifact.displayName : id,
        templateFile: join(directory, properties.templateFile),
        acknowledgements: CdkAcknowledgements.fromMetadata(stackMetadata(directory, id, artifact, read)),
        nestedTemplates,
      });
    } else if (artifact.type === 'cdk:cloud-assembly' && typeof properties.directoryName === 'string') {
      const nestedDirectory = join(directory, properties.directoryName);
      if (depth >= INPUT_LIMITS.nestingOfAssemblies) {
        problems.push({ file: join(directory, 'manifest.json'), message: `the nested cloud assembly ${id} is nested more than ${INPUT_LIMITS.nestingOfAssemblies} deep: not followed` });
        continue;
      }
      const nestedManifest = read(join(nestedDirectory, 'manifest.json'), `the manifest of nested cloud assembly ${id}`);
      if (nestedManifest === undefined) continue;
      if (isAssemblyManifest(nestedManifest)) {
        const nested = readAssembly(nestedDirectory, nestedManifest, read, depth + 1);
        stacks.push(...nested.stacks);
        problems.push(...nested.problems);
      } else {
        problems.push({ file: join(nestedDirectory, 'manifest.json'), message: `the nested cloud assembly ${id} has no cloud assembly manifest.json` });
      }
    }
  }
  return { stacks, problems };
}

function stackMetadata(directory: string, id: string, artifact: Record<string, unknown>, read: AssemblyFileReader): unknown {
  if (typeof artifact.additionalMetadataFile === 'string') {
    const file = read(join(directory, artifact.additionalMetadataFile), `the metadata file of stack ${id}`);
    return { ...isRecord(artifact.metadata) ? artifact.metadata : {}, ...asRecord(file) };
  }
  return artifact.metadata;
}

/** Nested stack templates are file assets: their object key is in the parent's `TemplateURL`. */
function assetTemplates(directory: string, artifacts: Record<string, unknown>, read: AssemblyFileReader): Map<string, string> {
  const templates = new Map<string, string>();
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isRecord(artifact) || artifact.type !== 'cdk:asset-manifest' || !isRecord(artifact.properties) || typeof artifact.properties.file !== 'string') continue;
    const files = asRecord(asRecord(read(join(directory, artifact.properties.file), `the asset manifest ${id}`)).files);
    for (const asset of Object.values(files)) {
      const source = asRecord(asRecord(asset).source);
      if (typeof source.path !== 'string' || !source.path.endsWith('.json')) continue;
      for (const destination of Object.values(asRecord(asRecord(asset).destinations))) {
        const objectKey = asRecord(destination).objectKey;
        if (typeof objectKey === 'string') templates.set(objectKey, join(directory, source.path));
      }
    }
  }
  return templates;
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
