import { LazyValue } from '../../../src/file-check/terraform/lazy-value';

/** A get whose circle answer names the circle, counting the lazy values the searches went through. */
function getter(visits: number[] = []) {
  return <T>(value: LazyValue<T | string>, asker: LazyValue<unknown> | undefined, evaluate: () => Promise<T | string>) =>
    value.get(asker, evaluate, names => `circle: ${names.join(' -> ')}`, count => visits.push(count));
}

describe('LazyValue: each value evaluated once, a circle answered instead of a hang', () => {
  test('askers at once share one evaluation', async () => {
    const get = getter();
    const value = new LazyValue<number | string>('local.a');
    let evaluations = 0;
    const evaluate = async () => ++evaluations;
    expect(await Promise.all([get(value, undefined, evaluate), get(value, undefined, evaluate), get(value, undefined, evaluate)])).toEqual([1, 1, 1]);
    expect(evaluations).toBe(1);
  });

  test('a value whose evaluation waits, through another, for itself gets the circle, from the value waited for back to it', async () => {
    const visits: number[] = [];
    const get = getter(visits);
    const a = new LazyValue<string>('module.a.output.x');
    const b = new LazyValue<string>('module.b.var.y');
    const evaluateA = (): Promise<string> => get(b, a, () => get(a, b, evaluateA));
    expect(await get(a, undefined, evaluateA)).toBe('circle: module.a.output.x -> module.b.var.y -> module.a.output.x');
    expect(visits.reduce((sum, count) => sum + count, 0)).toBeGreaterThan(0);
  });

  test('a value whose evaluation asks for itself before its first await is not evaluated again: it gets the circle', async () => {
    const get = getter();
    const a = new LazyValue<string>('local.a');
    let evaluations = 0;
    const evaluate = (): Promise<string> => {
      evaluations++;
      return get(a, a, evaluate);
    };
    expect(await get(a, undefined, evaluate)).toBe('circle: local.a -> local.a');
    expect(evaluations).toBe(1);
  });

  test('two values that wait for one third value are no circle', async () => {
    const get = getter();
    const [a, b, shared] = ['local.a', 'local.b', 'local.shared'].map(name => new LazyValue<string>(name));
    const evaluateShared = async () => 'shared';
    const [fromA, fromB] = await Promise.all([
      get(a, undefined, () => get(shared, a, evaluateShared)),
      get(b, undefined, () => get(shared, b, evaluateShared)),
    ]);
    expect([fromA, fromB]).toEqual(['shared', 'shared']);
  });
});
