import { GREET } from './greet-command';
import { usageText } from '../../../src/cli/options/usage-text';

describe('usageText', () => {
  test('a section per heading, in the order of its first option; labels aligned; long labels on a line of their own', () => {
    // WHEN
    const text = usageText(GREET);
    // THEN: options without help (help, whisper, style, dry-run) are left out
    expect(text).toBe([
      'Usage: greet [options]',
      '',
      'Who',
      '  --name NAME            whom to greet',
      '  --tag TAG              a tag (repeatable)',
      '  --from-file FILE       greet every name in FILE',
      '',
      'How',
      '  --times N              how often (default 1)',
      '  --loud                 shout',
      '  --louder-than-anyone-else',
      '                         shout more,',
      '                         and more',
      '',
      'Exit codes: 0 greeted.',
      '',
    ].join('\n'));
  });
});
