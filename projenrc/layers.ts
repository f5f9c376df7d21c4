/**
 * The layers of src/: each top-level folder is one part of the system, and may import only the
 * folders listed for it (what lies below it). ESLint (.projenrc.ts) and scripts/import-graph.ts
 * both read this table.
 */
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  // AWS name patterns and bounds, shared by the constructs' props and the CLI's options.
  'facts': [],
  'policy': [],
  'audit': ['policy'],
  // mpu-check's engine: templates and cloud assemblies read from files, judged by the policy.
  'check': ['policy'],
  // mpu-upload's engine: resumable uploads; it aborts its own uploads with the audit's verified abort.
  'upload': ['audit', 'facts'],
  // The functions' roles are built from the audit's permission list.
  'runtime': ['audit'],
  // The token-aware checks of construct props.
  'props': ['facts'],
  'bucket-resource': ['policy'],
  'bucket': ['bucket-resource', 'props', 'policy', 'facts'],
  'checks': ['bucket-resource', 'policy'],
  'monitor': ['runtime', 'props', 'audit', 'policy', 'facts'],
  'organization': ['runtime', 'props', 'audit', 'policy'],
  'cli': ['organization', 'audit', 'check', 'upload', 'policy', 'facts'],
};

/**
 * Folders whose code runs in Lambda or in the CLI, never in a CDK app: no aws-cdk-lib there, and a
 * feature's runtime does not import its constructs.
 */
export const OUTSIDE_CDK: readonly string[] = [
  'facts', 'policy', 'audit', 'check', 'upload', 'runtime/lambda', 'monitor/runtime', 'organization/runtime', 'cli',
];

/** Within a folder's layer, parts that may not import the rest of another folder. */
export interface NarrowerRule {
  /** The importing folder, below src/. */
  readonly folder: string;
  /** The folder it may not import, below src/ ... */
  readonly mayNotImport: string;
  /** ... except these paths inside it. */
  readonly except: readonly string[];
  readonly why: string;
}

export const NARROWER_RULES: readonly NarrowerRule[] = [
  { folder: 'monitor/runtime', mayNotImport: 'monitor', except: ['runtime', 'monitor-metrics.ts'], why: 'what runs in Lambda does not load the constructs' },
  { folder: 'organization/runtime', mayNotImport: 'organization', except: ['runtime'], why: 'what runs in Lambda and the CLI does not load the constructs' },
  { folder: 'cli', mayNotImport: 'organization', except: ['runtime'], why: 'the CLI runs the organization audit, it does not deploy it' },
];
