import { encryptionOf, MPU_UPLOAD } from './command';
import { MpuUploadOptions } from './options';
import { parseS3Target, S3Target } from './s3-target';
import { abortCommand, credentialsLeftOut, finishedLine, progressLine, ReachedAs, resumeCommand } from './upload-lines';
import { describeError } from '../../s3/errors';
import { S3ConnectionOptions } from '../../s3/sdk-s3';
import { sdkUploadClient, SdkUploadS3Options, UploadClient } from '../../upload/sdk-upload-s3';
import { AbortCheck, UploadFailedError, uploadFile, UploadFileResult, UploadInputError, UploadProgress } from '../../upload/upload-file';
import { CliIo, InterruptSignal } from '../cli-io';
import { runCommand } from '../command-skeleton';
import { envRegion } from '../env-var';
import { ExitCode } from '../exit-code';
import { s3ConnectionOf } from '../options/connection-options';
import { UsageError } from '../options/usage-error';
import { startUpProblem } from '../start-up-problem';

/** Builds the uploader's client for a key; tests hand in their own. */
export type MakeUploadClient = (connection: S3ConnectionOptions, bucket: string, key: string, options: SdkUploadS3Options) => UploadClient;

/** How often the progress bar is redrawn at most. */
const PROGRESS_INTERVAL_MS = 200;
const PROGRESS_WIDTH = 80;

interface Run {
  readonly argv: readonly string[];
  readonly file: string;
  readonly target: S3Target;
  readonly reached: ReachedAs;
  readonly io: CliIo;
}

/** Runs `mpu-upload` with `argv` (without node and the script) and returns the exit code. */
export function runUploadCli(argv: readonly string[], io: CliIo, makeClient: MakeUploadClient = sdkUploadClient): Promise<ExitCode> {
  return runCommand(MPU_UPLOAD, argv, io, ({ options, operands }) => upload(argv, options, operands, io, makeClient));
}

async function upload(
  argv: readonly string[], options: MpuUploadOptions, operands: readonly string[], io: CliIo, makeClient: MakeUploadClient,
): Promise<ExitCode> {
  if (operands.length !== 2) {
    throw new UsageError(`give FILE and s3://BUCKET/KEY, one file at a time (got ${operands.length} argument${operands.length === 1 ? '' : 's'}); see mpu-upload --help`);
  }
  const [file] = operands;
  const target = parseS3Target(operands[1], file);

  const connection = s3ConnectionOf(options);
  const region = options.region ?? envRegion(io.env);
  const run: Run = { argv, file, target, io, reached: { endpointUrl: connection.endpointUrl, profile: connection.profile, region: options.region } };
  let startUpFailure: Error | undefined;
  const client = makeClient(
    { ...connection, region, accelerate: options.accelerate || undefined, onStartUpFailure: error => { startUpFailure ??= error; } },
    target.bucket, target.key, { encryption: encryptionOf(options) },
  );

  const stop = new AbortController();
  let interrupted: InterruptSignal | undefined;
  // The first interrupt stops the upload; a second one gets the default, and ends the process at once.
  const unregister = io.onInterrupt?.(signal => {
    interrupted = signal;
    unregister?.();
    stop.abort();
    io.stderr(`\nmpu-upload: ${signal}: stopping the parts in flight (interrupt again to quit at once)\n`);
  });
  const progress = progressBar(io, !options.noProgress);
  const started = performance.now();
  let result: UploadFileResult;
  try {
    result = await uploadFile(client.s3, file, {
      partSize: options.partSize,
      concurrency: options.concurrency,
      checksumAlgorithm: options.checksumAlgorithm,
      signal: stop.signal,
      abortOnStop: options.abortOnInterrupt,
      abortUpload: client.abortUpload,
      onProgress: progress.draw,
    });
  } catch (error) {
    progress.end();
    if (interrupted !== undefined && !(error instanceof UploadFailedError)) {
      io.stderr(`mpu-upload: ${interrupted}: stopped before ${target.key} was sent; nothing was left on S3\n`);
      return exitCodeOf(interrupted);
    }
    return failed(run, startUpFailure ?? error);
  } finally {
    unregister?.();
  }
  progress.end();
  const elapsedMs = performance.now() - started;
  if (result.outcome === 'stopped') return stopped(run, result, interrupted ?? 'SIGINT');
  let partsLeft = false;
  if (result.outcome === 'completed') {
    for (const stale of result.staleUploads) {
      if (stale.abort?.gone === true) {
        io.stderr(`mpu-upload: aborted an earlier upload of the key (${stale.uploadId}), not reused: ${stale.why}\n`);
      } else {
        partsLeft = true;
        const abort = abortCommand(target, stale.uploadId, run.reached);
        io.stderr(`mpu-upload: an earlier upload of the key (${stale.uploadId}) could not be aborted (${stale.abort?.detail ?? 'not aborted'}): `
          + `abort it with: ${abort}\n${credentialsLeftOut(abort)}`);
      }
    }
  }
  await io.stdout(`${finishedLine(file, target, result, elapsedMs)}\n`);
  return partsLeft ? ExitCode.PARTS_LEFT : ExitCode.OK;
}

function exitCodeOf(signal: InterruptSignal): ExitCode {
  return signal === 'SIGTERM' ? ExitCode.SIGTERM : ExitCode.SIGINT;
}

/** The lines of an interrupted run: how to resume the upload it kept, or what became of it. */
function stopped(run: Run, result: Extract<UploadFileResult, { outcome: 'stopped' }>, signal: InterruptSignal): ExitCode {
  const { io, target } = run;
  const { uploadId } = result;
  if (uploadId === null) {
    io.stderr(`mpu-upload: ${signal}: stopped before an upload was started; nothing was left on S3\n`);
  } else if (result.abort !== null) {
    const abort = abortCommand(target, uploadId, run.reached);
    io.stderr(result.abort.gone
      ? `mpu-upload: ${signal}: the upload was aborted (--abort-on-interrupt): ${result.abort.detail}; nothing is left on S3\n`
      : `mpu-upload: ${signal}: the upload could not be aborted (${result.abort.detail}): abort it with: ${abort}\n${credentialsLeftOut(abort)}`);
    if (!result.abort.gone) return ExitCode.PARTS_LEFT;
  } else {
    const [resume, abort] = [resumeCommand(run.argv), abortCommand(target, uploadId, run.reached)];
    io.stderr(`mpu-upload: ${signal}: ${result.partsDone} of ${result.partsTotal} parts are on S3, kept under upload ${uploadId}.\n`
      + `  To resume, run the same command again: ${resume}\n`
      + `  To abort it instead: ${abort}\n${credentialsLeftOut(resume, abort)}`);
  }
  return exitCodeOf(signal);
}

/** The one line of a run that could not upload, and its exit code. */
function failed(run: Run, error: unknown): ExitCode {
  const { io, target, file } = run;
  const url = `s3://${target.bucket}/${target.key}`;
  if (error instanceof UploadInputError) {
    io.stderr(`mpu-upload: ${error.message}\n`);
    return ExitCode.USAGE;
  }
  const problem = startUpProblem(error, { profile: run.reached.profile, endpointUrl: run.reached.endpointUrl, env: io.env, readFile: io.readFile });
  if (problem !== undefined) {
    io.stderr(`mpu-upload: ${problem}\n`);
    return ExitCode.USAGE;
  }
  if (!(error instanceof UploadFailedError)) {
    // Before an upload was started, or while looking for one to resume: nothing of this run is on S3.
    io.stderr(`mpu-upload: cannot upload ${file} to ${url}: ${describeError(error)}\n`);
    return ExitCode.UPLOAD_FAILED;
  }
  const { uploadId, abort } = error;
  if (uploadId === null || abort?.gone === true) {
    io.stderr(`mpu-upload: upload of ${file} to ${url} failed: ${error.message}; ${uploadId === null ? 'nothing was left' : 'the upload was aborted, nothing is left'} on S3\n`);
    return ExitCode.UPLOAD_FAILED;
  }
  const command = abortCommand(target, uploadId, run.reached);
  io.stderr(`mpu-upload: upload of ${file} to ${url} failed: ${error.message}; the upload could not be aborted (${describeAbort(abort)}): `
    + `abort it with: ${command}\n${credentialsLeftOut(command)}`);
  return ExitCode.PARTS_LEFT;
}

function describeAbort(abort: AbortCheck | null): string {
  return abort?.detail ?? 'not aborted';
}

/** The progress bar on stderr, on a terminal only, redrawn at most every PROGRESS_INTERVAL_MS. */
function progressBar(io: CliIo, wanted: boolean): { draw?: (progress: UploadProgress) => void; end: () => void } {
  if (!wanted || !io.stderrIsTerminal) return { end: () => undefined };
  const started = performance.now();
  let bytesAtStart: number | undefined;
  let lastDrawn = -Infinity;
  let drawn = false;
  return {
    draw: progress => {
      bytesAtStart ??= progress.bytesDone;
      const now = performance.now();
      if (now - lastDrawn < PROGRESS_INTERVAL_MS && progress.partsDone < progress.partsTotal) return;
      lastDrawn = now;
      drawn = true;
      io.stderr(`\r${progressLine(progress, progress.bytesDone - bytesAtStart, now - started, PROGRESS_WIDTH).padEnd(PROGRESS_WIDTH - 1)}`);
    },
    end: () => {
      if (drawn) io.stderr('\n');
      drawn = false;
    },
  };
}
