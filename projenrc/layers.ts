/**
 * The layers of src/: each top-level folder is one part of the system, and may import only the
 * folders listed for it (what lies below it). ESLint (.projenrc.ts) and scripts/import-graph.ts
 * both read this table.
 */
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  'policy': [],
  'audit': ['policy'],
  // The functions' roles are built from the audit's permission list.
  'runtime': ['audit'],
  'bucket-resource': ['policy'],
  'bucket': ['bucket-resource', 'policy'],
  'checks': ['bucket-resource', 'policy'],
  'monitor': ['runtime', 'audit', 'policy'],
  'organization': ['runtime', 'audit', 'policy'],
  'cli': ['organization', 'audit', 'policy'],
};

/**
 * Folders whose code runs in Lambda or in the CLI, never in a CDK app: no aws-cdk-lib there, and a
 * feature's runtime does not import its constructs.
 */
export const OUTSIDE_CDK: readonly string[] = [
  'policy', 'audit', 'runtime/lambda', 'monitor/runtime', 'organization/runtime', 'cli',
];
