/**
 * The layers of src/: each top-level folder is one part of the system, and may import only the
 * folders listed for it (what lies below it). ESLint (.projenrc.ts) and scripts/dev/import-graph.ts
 * both read this table.
 */
export const LAYERS: Readonly<Record<string, readonly string[]>> = {
  // AWS name patterns and bounds, shared by the constructs' props and the CLI's options, and the IAM permission vocabulary.
  'facts': [],
  // The lifecycle evaluator, the rule catalogue and the acknowledgement vocabulary: the one judge of every front-end.
  'policy': [],
  // The one place that talks to S3: the SDK bundle, clients with retries and region redirects, page loops, errors, the limiter, the verified abort.
  's3': [],
  // mpu-audit's engine: scans, reports, cleans up, on the S3 layer; its IAM permissions are written in facts/' vocabulary.
  'audit': ['s3', 'policy', 'facts'],
  // mpu-upload's engine: resumable uploads on the S3 layer.
  'upload': ['s3', 'facts'],
  // mpu-check's engine: templates, cloud assemblies and Terraform read from files, judged by the policy.
  'file-check': ['policy'],
  // What the two Lambda-backed constructs share: the function role built at synth (from permissions in facts/' vocabulary), and lambda/runtime/, which runs in Lambda.
  'lambda': ['facts'],
  // The token-aware checks of construct props.
  'props': ['facts'],
  'bucket-resource': ['policy'],
  // The alarm factory the constructs' alarms are made by.
  'alarms': [],
  // ResilientBucket and the three mixins it is built from (AbortIncompleteUploads, RequestErrorAlarms, TransferAcceleration), and the injector.
  'bucket': ['bucket-resource', 'props', 'policy', 'facts', 'alarms'],
  // The synth-time checks: the checker Aspect, the cdk-nag pack, and the fixer, which is bucket/'s AbortIncompleteUploads mixin run as an Aspect.
  'synth-check': ['bucket', 'bucket-resource', 'policy'],
  'monitor': ['lambda', 'props', 'audit', 's3', 'policy', 'facts', 'alarms'],
  'organization': ['lambda', 'props', 'audit', 's3', 'policy'],
  'cli': ['organization', 'audit', 'upload', 's3', 'file-check', 'policy', 'facts'],
};

/**
 * Folders whose code runs in Lambda or in the CLI, never in a CDK app: no aws-cdk-lib there, and a
 * feature's runtime does not import its constructs.
 */
export const OUTSIDE_CDK: readonly string[] = [
  'facts', 'policy', 's3', 'audit', 'file-check', 'upload', 'lambda/runtime', 'monitor/runtime', 'organization/runtime', 'cli',
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
