import { CommandSpec, defineOptions } from '../../../src/cli/options/option-table';
import { UsageError } from '../../../src/cli/options/usage-error';
import { nonEmpty, oneOf, wholeNumber } from '../../../src/cli/options/value-parsers';

/** A small command that uses every kind of option and rule, for the tests of the option machinery. */
export const GREET_OPTIONS = defineOptions({
  'help': { kind: 'flag', short: 'h' },
  'name': { kind: 'string', valueName: 'NAME', parse: nonEmpty('give a name'), help: { section: 'Who', lines: ['whom to greet'] } },
  'times': {
    kind: 'string',
    valueName: 'N',
    parse: wholeNumber(1, 9),
    default: 1,
    help: { section: 'How', lines: ['how often'], showDefault: true },
  },
  'tag': { kind: 'repeatable', valueName: 'TAG', parse: nonEmpty('give a tag'), help: { section: 'Who', lines: ['a tag (repeatable)'] } },
  'loud': { kind: 'flag', help: { section: 'How', lines: ['shout'] } },
  'louder-than-anyone-else': {
    kind: 'flag',
    needs: { anyOf: ['loud'], why: 'is louder still' },
    help: { section: 'How', lines: ['shout more,', 'and more'] },
  },
  'whisper': { kind: 'flag', conflictsWith: { option: 'loud', why: 'is the opposite of --loud' } },
  'from-file': {
    kind: 'string',
    valueName: 'FILE',
    parse: nonEmpty('give a file'),
    mode: {
      refuses: { name: 'the names come from the file; drop --name' },
      requires: { tag: 'the tag of every greeting' },
      offers: { style: ['plain'] },
    },
    help: { section: 'Who', lines: ['greet every name in FILE'] },
  },
  'style': { kind: 'string', valueName: 'STYLE', parse: oneOf(['plain', 'fancy']), default: 'plain', belongsTo: 'from-file' },
  'dry-run': { kind: 'flag', mode: { allowsOnly: { options: ['name', 'times'], why: 'only shows the greeting' } } },
});

export const GREET: CommandSpec<typeof GREET_OPTIONS> = {
  name: 'greet',
  intro: 'Usage: greet [options]\n',
  outro: 'Exit codes: 0 greeted.\n',
  options: GREET_OPTIONS,
  positionalHint: argument => `to greet someone, write --name ${argument}`,
  check: (options, given) => {
    if (given.has('loud') && options.times > 3) throw new UsageError(`--loud --times ${options.times} is too much: at most 3 times`);
  },
};
