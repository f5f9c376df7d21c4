import { isRecord } from './fields';

/** `Fn::ForEach::LoopName` keys of AWS::LanguageExtensions. */
export const FOR_EACH_PREFIX = 'Fn::ForEach::';

export interface ExpandedResource {
  readonly logicalId: string;
  readonly body: unknown;
  /** Why the loop could not be expanded; `body` is then the loop's template, unexpanded. */
  readonly unresolved?: string;
}

/**
 * Expands `"Fn::ForEach::Name": [Identifier, Collection, { OutputKey: Body }]` over a literal
 * collection, as AWS::LanguageExtensions does: `${Identifier}` and `&{Identifier}` in the
 * output keys, `{ Ref: Identifier }` and `${Identifier}` in `Fn::Sub` strings of the body, loops
 * nested in the output. A collection that is not a literal list leaves each output unresolved.
 */
export function expandForEach(key: string, loop: unknown): ExpandedResource[] {
  if (!Array.isArray(loop) || loop.length !== 3 || typeof loop[0] !== 'string' || !isRecord(loop[2])) {
    return [{ logicalId: key, body: loop, unresolved: `${key} is not [Identifier, Collection, { OutputKey: Resource }]` }];
  }
  const [identifier, collection, outputs] = loop as [string, unknown, Record<string, unknown>];
  if (!Array.isArray(collection) || !collection.every(item => typeof item === 'string' || typeof item === 'number')) {
    return Object.entries(outputs).map(([outputKey, body]) => ({
      logicalId: outputKey,
      body,
      unresolved: `${key} loops over ${JSON.stringify(collection)}, which is not a literal list`,
    }));
  }
  return collection.map(String).flatMap(value => Object.entries(outputs).flatMap(([outputKey, body]) => {
    const logicalId = substituteKey(outputKey, identifier, value);
    const substituted = substitute(body, identifier, value);
    return logicalId.startsWith(FOR_EACH_PREFIX) ? expandForEach(logicalId, substituted) : [{ logicalId, body: substituted }];
  }));
}

function substituteKey(key: string, identifier: string, value: string): string {
  return key.split(`\${${identifier}}`).join(value).split(`&{${identifier}}`).join(value.replace(/[^A-Za-z0-9]/g, ''));
}

function substitute(node: unknown, identifier: string, value: string): unknown {
  if (Array.isArray(node)) {
    return node.map(item => substitute(item, identifier, value));
  }
  if (!isRecord(node)) {
    return node;
  }
  const keys = Object.keys(node);
  if (keys.length === 1 && node.Ref === identifier) {
    return value;
  }
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    return substituteSub(node['Fn::Sub'], identifier, value);
  }
  return Object.fromEntries(Object.entries(node).map(([key, item]) => [substituteKey(key, identifier, value), substitute(item, identifier, value)]));
}

/** `Fn::Sub` with the identifier filled in; a string left with no `${...}` is that string. */
function substituteSub(args: unknown, identifier: string, value: string): unknown {
  const fill = (text: string) => text.split(`\${${identifier}}`).join(value);
  if (typeof args === 'string') {
    const filled = fill(args);
    return filled.includes('${') ? { 'Fn::Sub': filled } : filled;
  }
  if (Array.isArray(args) && typeof args[0] === 'string') {
    return { 'Fn::Sub': [fill(args[0]), substitute(args[1], identifier, value)] };
  }
  return { 'Fn::Sub': substitute(args, identifier, value) };
}
