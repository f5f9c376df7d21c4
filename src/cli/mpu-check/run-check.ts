import { MPU_CHECK } from './command';
import { CheckFormat, MpuCheckOptions } from './options';
import { CheckFs, nodeCheckFs } from '../../file-check/check-fs';
import { checkPaths } from '../../file-check/check-paths';
import { CheckResult, failingFindings, inputsChecked } from '../../file-check/check-result';
import { RootProblem } from '../../file-check/input-tree';
import { renderGitlabCodeQuality, renderJson, renderSarif, renderText, summaryLine } from '../../file-check/render';
import { safeLine } from '../../file-check/render/safe-text';
import { CliIo } from '../cli-io';
import { runCommand } from '../command-skeleton';
import { ExitCode } from '../exit-code';
import { UsageError } from '../options/usage-error';
import { writeReport } from '../report-writer';

/** Runs `mpu-check` with `argv` (without node and the script) and returns the exit code. */
export function runCheckCli(argv: readonly string[], io: CliIo, fs: CheckFs = nodeCheckFs()): Promise<ExitCode> {
  return runCommand(MPU_CHECK, argv, io, ({ options, operands }) => check(options, operands, io, fs));
}

async function check(options: MpuCheckOptions, paths: readonly string[], io: CliIo, fs: CheckFs): Promise<ExitCode> {
  if (paths.length === 0) {
    throw new UsageError('give at least one PATH: a template, a Terraform module or plan, a directory to search, or a cdk.out (see mpu-check --help)');
  }

  let result: CheckResult;
  try {
    result = await checkPaths(paths, {
      maxDays: options.maxDays,
      level: options.level,
      skipNonTemplates: options.skipNonTemplates,
      root: options.root,
      maxFileBytes: options.maxFileSize,
      maxHclBytes: options.maxHclSize,
    }, fs);
  } catch (error) {
    if (!(error instanceof RootProblem)) throw error;
    io.stderr(`${safeLine(`mpu-check: ${error.message}`)}\n`);
    return ExitCode.USAGE;
  }
  const report = render(result, options.format, { toolVersion: io.version, maxDays: options.maxDays });
  if (!await writeReport('mpu-check', io, { output: options.output, force: options.force }, [report])) {
    return ExitCode.USAGE;
  }
  if (options.format !== 'text' || options.output !== undefined) {
    // The report went to a file or is for a machine: the problems and the summary still reach the log, escaped as the text report is.
    for (const error of result.errors) io.stderr(`${safeLine(`mpu-check: ${error.file}${error.line === null ? '' : `:${error.line}`}: ${error.message}`)}\n`);
    io.stderr(`${safeLine(summaryLine(result))}\n`);
  }
  return exitCodeOf(result, options.keepGoing, io.stderr);
}

function render(result: CheckResult, format: CheckFormat, sarif: { toolVersion: string; maxDays: number }): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'sarif':
      return renderSarif(result, sarif);
    case 'gitlab':
      return renderGitlabCodeQuality(result);
    default:
      return renderText(result);
  }
}

/**
 * An input that could not be read makes the check incomplete: that comes first, unless
 * --keep-going; but a run that read no template at all checked nothing, and never passes.
 */
function exitCodeOf(result: CheckResult, keepGoing: boolean, stderr: (text: string) => void): ExitCode {
  if (result.errors.length > 0 && !keepGoing) {
    return ExitCode.USAGE;
  }
  if (inputsChecked(result) === 0 && result.errors.length > 0) {
    stderr('mpu-check: no template, Terraform module or plan could be read, so nothing was checked (--keep-going passes only a run that checked something)\n');
    return ExitCode.USAGE;
  }
  return failingFindings(result).length > 0 ? ExitCode.THRESHOLD_CROSSED : ExitCode.OK;
}
