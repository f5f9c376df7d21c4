import { nonEmpty } from './value-parsers';

/** `--output FILE` and `--force`, as every command that writes a report takes them (see report-writer.ts). */
export function reportTargetOptions(section: string) {
  return {
    output: {
      kind: 'string',
      valueName: 'FILE',
      parse: nonEmpty('give a file name, or drop --output to print the report'),
      help: { section, lines: ['write the report to FILE instead of stdout (refuses to overwrite)'] },
    },
    force: {
      kind: 'flag',
      needs: { anyOf: ['output'], why: 'lets --output overwrite a file' },
      help: { section, lines: ['let --output overwrite an existing file'] },
    },
  } as const;
}
