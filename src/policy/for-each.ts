import { RESOURCES_PER_TEMPLATE, TEMPLATE_BODY_BYTES } from './cloudformation-limits';
import { isRecord } from './fields';

/** `Fn::ForEach::LoopName` keys of AWS::LanguageExtensions. */
export const FOR_EACH_PREFIX = 'Fn::ForEach::';

export interface ExpandedResource {
  readonly logicalId: string;
  readonly body: unknown;
  /** Why the loop could not be expanded; `body` is then the loop's template, unexpanded. */
  readonly unresolved?: string;
}

/** A template that expands past what CloudFormation takes: none of its resources is judged. */
export class ExpansionLimitExceeded extends Error {
  constructor(readonly writtenKey: string, message: string) {
    super(message);
  }
}

/**
 * What one template may expand to. CloudFormation applies its quotas to the template that
 * `Fn::ForEach` produces: 500 resources and 1,000,000 bytes. Loop bodies are also counted, empty
 * ones included, so that loops over long lists that yield nothing still end soon.
 */
export class ExpansionBudget {
  private resources = 0;
  private iterations = 0;
  private bytes = 0;

  constructor(
    private readonly maxResources = RESOURCES_PER_TEMPLATE,
    private readonly maxIterations = 10 * RESOURCES_PER_TEMPLATE,
    private readonly maxBytes = TEMPLATE_BODY_BYTES,
  ) {}

  /** One more resource, written under `key`. */
  resource(key: string): void {
    if (++this.resources > this.maxResources) {
      throw new ExpansionLimitExceeded(key, `the template declares more than the ${this.maxResources} resources CloudFormation allows in a template`
        + `${key.startsWith(FOR_EACH_PREFIX) ? ` once ${key} is expanded` : ''}: not judged`);
    }
  }

  iteration(key: string): void {
    if (++this.iterations > this.maxIterations) {
      throw new ExpansionLimitExceeded(key, `${key} and the loops in it make more than ${this.maxIterations} copies of their bodies: not judged`);
    }
  }

  /** About as many bytes as the JSON of an expanded value takes. */
  written(key: string, bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.maxBytes) {
      throw new ExpansionLimitExceeded(key, `${key} expands to more than the ${this.maxBytes.toLocaleString('en-US')} bytes CloudFormation takes in a template: not judged`);
    }
  }
}

/**
 * Expands `"Fn::ForEach::Name": [Identifier, Collection, { OutputKey: Body }]` over a literal
 * collection, as AWS::LanguageExtensions does: `${Identifier}` and `&{Identifier}` in the
 * output keys, `{ Ref: Identifier }` and `${Identifier}` in `Fn::Sub` strings of the body, loops
 * nested in the output. A collection that is not a literal list leaves each output unresolved.
 * Throws ExpansionLimitExceeded past the budget.
 */
export function expandForEach(key: string, loop: unknown, budget: ExpansionBudget = new ExpansionBudget()): ExpandedResource[] {
  if (!Array.isArray(loop) || loop.length !== 3 || typeof loop[0] !== 'string' || !isRecord(loop[2])) {
    return [{ logicalId: key, body: loop, unresolved: `${key} is not [Identifier, Collection, { OutputKey: Resource }]` }];
  }
  const [identifier, collection, outputs] = loop as [string, unknown, Record<string, unknown>];
  if (!Array.isArray(collection) || !collection.every(item => typeof item === 'string' || typeof item === 'number')) {
    return Object.entries(outputs).map(([outputKey, body]) => ({
      logicalId: outputKey,
      body,
      unresolved: `${key} loops over ${shortJson(collection)}, which is not a literal list`,
    }));
  }
  const expanded: ExpandedResource[] = [];
  for (const value of collection.map(String)) {
    budget.iteration(key);
    for (const [outputKey, body] of Object.entries(outputs)) {
      const logicalId = substituteKey(outputKey, identifier, value);
      budget.written(key, logicalId.length + 3);
      const substituted = substitute(body, identifier, value, size => budget.written(key, size));
      if (logicalId.startsWith(FOR_EACH_PREFIX)) {
        expanded.push(...expandForEach(logicalId, substituted, budget));
      } else {
        budget.resource(key);
        expanded.push({ logicalId, body: substituted });
      }
    }
  }
  return expanded;
}

function substituteKey(key: string, identifier: string, value: string): string {
  return key.split(`\${${identifier}}`).join(value).split(`&{${identifier}}`).join(value.replace(/[^A-Za-z0-9]/g, ''));
}

/** The body with the identifier filled in; `written` is told the size of each string and number made. */
function substitute(node: unknown, identifier: string, value: string, written: (bytes: number) => void): unknown {
  if (Array.isArray(node)) {
    written(2);
    return node.map(item => substitute(item, identifier, value, written));
  }
  if (!isRecord(node)) {
    written(typeof node === 'string' ? node.length + 2 : 8);
    return node;
  }
  const keys = Object.keys(node);
  if (keys.length === 1 && node.Ref === identifier) {
    written(value.length + 2);
    return value;
  }
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    return substituteSub(node['Fn::Sub'], identifier, value, written);
  }
  return Object.fromEntries(Object.entries(node).map(([key, item]) => {
    const filled = substituteKey(key, identifier, value);
    written(filled.length + 3);
    return [filled, substitute(item, identifier, value, written)];
  }));
}

/** `Fn::Sub` with the identifier filled in; a string left with no `${...}` is that string. */
function substituteSub(args: unknown, identifier: string, value: string, written: (bytes: number) => void): unknown {
  const fill = (text: string) => text.split(`\${${identifier}}`).join(value);
  if (typeof args === 'string') {
    const filled = fill(args);
    written(filled.length + 12);
    return filled.includes('${') ? { 'Fn::Sub': filled } : filled;
  }
  if (Array.isArray(args) && typeof args[0] === 'string') {
    const filled = fill(args[0]);
    written(filled.length + 14);
    return { 'Fn::Sub': [filled, substitute(args[1], identifier, value, written)] };
  }
  return { 'Fn::Sub': substitute(args, identifier, value, written) };
}

/** A value as JSON, at most 120 characters of it, for a message. */
function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(typeof value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
