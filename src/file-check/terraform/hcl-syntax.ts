/** The part of an HCL expression's syntax tree (as the HCL parser returns it) that mpu-check reads. */
export interface HclExpressionNode {
  /** `templateWrap`, `template`, `literalValue`, `scopeTraversal`, `function`, ... and '' for parentheses. */
  readonly type: string;
  readonly meta: Readonly<Record<string, unknown>> & {
    readonly value?: string;
    readonly traversal?: ReadonlyArray<{ readonly type: string; readonly segment: string }>;
  };
  readonly children: readonly HclExpressionNode[];
}

/** A module's files in the JSON shape of HCL's JSON syntax: each block type a map, each block body a list. */
export type HclBody = Record<string, unknown>;

/** The HCL parser, loaded when a module is read. */
export interface HclParser {
  /** One `.tf` file (or `.tfvars`) as JSON; expressions are kept as `${...}` strings. */
  parseFile(fileName: string, text: string): Promise<HclBody>;
  /** The syntax tree of one expression, as written in HCL. */
  expressionTree(expression: string): Promise<HclExpressionNode>;
}

let loaded: HclParser | undefined;

/** Loads the parser (its WebAssembly runtime) once per process, when first asked for. */
export function loadHclParser(): HclParser {
  if (loaded === undefined) {
    // A require, not an import: the runtime starts only when a run meets HCL.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const parser = require('./hcl-parser') as typeof import('./hcl-parser');
    loaded = {
      parseFile: (fileName, text) => parser.parse(fileName, text) as Promise<HclBody>,
      expressionTree: expression => parser.getExpressionAst('expression.tf', expression) as unknown as Promise<HclExpressionNode>,
    };
  }
  return loaded;
}
