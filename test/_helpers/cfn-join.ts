/**
 * What follows `"key":` in a JSON document that tokens turned into an Fn::Join (Stack.toJsonString):
 * the token's reference, e.g. `{ Ref: 'MaxDays' }`, where a parameter stands for a number.
 */
export function valueInJoin(join: { 'Fn::Join': [string, unknown[]] }, key: string): unknown {
  const parts = join['Fn::Join'][1];
  const at = parts.findIndex(part => typeof part === 'string' && part.endsWith(`"${key}":`));
  if (at < 0) throw new Error(`no "${key}": before a token in ${JSON.stringify(join)}`);
  return parts[at + 1];
}
