import { GREET } from './greet-command';
import { defineOptions } from '../../../src/cli/options/option-table';
import { parseOptions } from '../../../src/cli/options/parse-options';
import { UsageError } from '../../../src/cli/options/usage-error';
import { nonEmpty } from '../../../src/cli/options/value-parsers';

const parse = (...argv: string[]) => parseOptions(GREET, argv);

describe('parseOptions', () => {
  test('typed values by camelCase name: flags false, defaults, lists, undefined when not given', () => {
    expect(parse('--name', 'Ada', '--tag', 'a', '--tag', 'b', '--loud', '--louder-than-anyone-else')).toEqual({
      help: false, name: 'Ada', times: 1, tag: ['a', 'b'], loud: true, louderThanAnyoneElse: true, whisper: false, fromFile: undefined, style: 'plain', dryRun: false,
    });
    expect(parse('-h', '--times=3')).toMatchObject({ help: true, times: 3, tag: [] });
  });

  test.each([
    // syntax
    [['--name'], '--name needs a value: --name NAME (see greet --help)'],
    [['--name', '--loud'], '--name needs a value; write a value that starts with a dash as --name=VALUE'],
    [['--loud=yes'], '--loud takes no value: write --loud alone'],
    [['--nmae', 'Ada'], "Unknown option '--nmae': did you mean --name? see greet --help for the options"],
    [['--time', '2'], "Unknown option '--time': did you mean --times? see greet --help for the options"],
    [['--colour'], "Unknown option '--colour': see greet --help for the options"],
    [['Ada'], 'unexpected argument "Ada": greet takes options only; to greet someone, write --name Ada'],
    // given twice: an option that keeps one value; a repeatable one and a flag may repeat
    [['--name', 'Ada', '--tag', 'x', '--name', 'Bob'], '--name was given twice ("Ada", then "Bob"): give it once'],
    // the rules between options
    [['--style', 'fancy'], '--style belongs to --from-file: give it too, or drop --style'],
    [['--from-file', 'f', '--tag', 't', '--name', 'Ada'], '--name cannot be used with --from-file: the names come from the file; drop --name'],
    [['--from-file', 'f'], '--from-file needs --tag (repeatable): the tag of every greeting'],
    [['--dry-run', '--name', 'Ada', '--loud'], '--dry-run only shows the greeting: drop --loud'],
    [['--louder-than-anyone-else'], '--louder-than-anyone-else is louder still: give --loud too, or drop --louder-than-anyone-else'],
    [['--loud', '--whisper'], '--whisper is the opposite of --loud: drop one of them'],
    // each value, then the values a mode does not offer, then the command's own check
    [['--times', '0'], '--times must be a whole number >= 1 (got "0")'],
    [['--from-file', 'f', '--tag', 't', '--style', 'gothic'], '--style must be one of plain, fancy (got "gothic")'],
    [['--from-file', 'f', '--tag', 't', '--style', 'fancy'], '--style fancy is not offered with --from-file: use plain'],
    [['--loud', '--times', '4'], '--loud --times 4 is too much: at most 3 times'],
  ])('%j: %s', (argv, message) => {
    expect(() => parse(...argv)).toThrow(new UsageError(message));
  });

  test('a repeatable option and a flag may be given twice', () => {
    expect(parse('--tag', 'a', '--tag', 'a', '--loud', '--loud')).toMatchObject({ tag: ['a', 'a'], loud: true });
  });

  test('a mode\'s rules come before the needs and conflicts of other options, and those before any value', () => {
    expect(() => parse('--whisper', '--loud', '--from-file', 'f')).toThrow('--from-file needs --tag');
    expect(() => parse('--times', '0', '--whisper', '--loud')).toThrow('--whisper is the opposite of --loud');
  });

  test('a table whose rule names an option it does not hold is refused when it is defined', () => {
    expect(() => defineOptions({
      a: { kind: 'string', valueName: 'A', parse: nonEmpty('give one'), needs: { anyOf: ['b'], why: 'needs b' } },
    })).toThrow('option table: --a names --b, which is not in the table');
  });
});
