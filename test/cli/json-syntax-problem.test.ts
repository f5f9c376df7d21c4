import { mulberry32 } from '../../scripts/lib/mulberry32';
import { jsonSyntaxProblem } from '../../src/cli/json-syntax-problem';

describe('jsonSyntaxProblem: where a text stops being JSON, never a piece of it', () => {
  test.each([
    ['{"a": SECRET}', 1, 7, 'expected a value'],
    ['{\n  "a": 1,\n}', 3, 1, 'expected a property name in double quotes'],
    ['[1, 2', 1, 6, 'the text ends before the JSON does'],
    ['"abc', 1, 5, 'a string that is never closed'],
    ['{"a" 1}', 1, 6, 'expected \':\' after a property name'],
    ['[1 2]', 1, 4, 'expected \',\' or \']\''],
    ['{"a": 1 "b"}', 1, 9, 'expected \',\' or \'}\''],
    ['01', 1, 2, 'more text after the JSON value'],
    ['', 1, 1, 'the text ends before the JSON does'],
    ['"a\\qb"', 1, 3, 'a backslash that starts no escape JSON knows'],
    ['"a\tb"', 1, 3, 'a control character (a line break, a tab) inside a string'],
    ['\uFEFF{}', 1, 1, 'expected a value'],
    ['[-]', 1, 2, 'expected a value'],
  ])('%j: line %d, column %d', (text, line, column, problem) => {
    expect(() => JSON.parse(text)).toThrow();
    const found = jsonSyntaxProblem(text);
    expect(found).toMatchObject({ line, column });
    expect(found!.problem.startsWith(problem)).toBe(true);
  });

  test.each(['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "x\\u00e9\\n"]} \n', '"only a string"', '0', '[[[[]]]]'])('%j is JSON: no problem', text => {
    expect(jsonSyntaxProblem(text)).toBeUndefined();
  });

  test('nesting a million deep is read without recursion', () => {
    const deep = `${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`;
    expect(jsonSyntaxProblem(deep)).toBeUndefined();
    expect(jsonSyntaxProblem(deep.slice(0, -1))).toMatchObject({ line: 1, column: 2_000_000, problem: 'the text ends before the JSON does' });
  });

  test('agrees with JSON.parse on 20,000 texts: JSON, and JSON with one character inserted, removed or changed (seeded)', () => {
    const random = mulberry32(27);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const value = (depth: number): unknown => {
      const kind = depth > 3 ? pick(['n', 's', 'l']) : pick(['n', 's', 'l', 'a', 'o']);
      if (kind === 'n') return pick([0, -1, 2.5, 1e21, -3.25e-7]);
      if (kind === 's') return pick(['', 'a b', 'é\n"\\', '\u0001', 'x/y']);
      if (kind === 'l') return pick([true, false, null]);
      if (kind === 'a') return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, (_, i) => [`k${i}`, value(depth + 1)]));
    };
    const CHARACTERS = '{}[]:,"\\ \n\t0123456789-+.eEtruefalsn\u0000a';
    for (let i = 0; i < 20_000; i++) {
      const json = JSON.stringify(value(0), null, random() < 0.5 ? 2 : undefined);
      const at = Math.floor(random() * (json.length + 1));
      const mutation = pick(['none', 'insert', 'remove', 'change']);
      const text = mutation === 'none' ? json
        : mutation === 'insert' ? json.slice(0, at) + pick([...CHARACTERS]) + json.slice(at)
          : mutation === 'remove' ? json.slice(0, at) + json.slice(at + 1)
            : json.slice(0, at) + pick([...CHARACTERS]) + json.slice(at + 1);
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      const problem = jsonSyntaxProblem(text);
      if ((problem === undefined) !== parses) throw new Error(`disagrees with JSON.parse on ${JSON.stringify(text)}: ${JSON.stringify(problem)}`);
    }
  });
});
