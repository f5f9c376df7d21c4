/** `--help` and `--version`, the same in every command and answered by command-skeleton.ts; not listed in --help's sections. */
export const HELP_OPTIONS = {
  help: { kind: 'flag', short: 'h' },
  version: { kind: 'flag' },
} as const;
