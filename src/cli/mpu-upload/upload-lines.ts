import { S3Target } from './s3-target';
import { humanBytes } from '../../audit/render/human-size';
import { REDACTED_USERINFO, redactUrlCredentials } from '../../s3/url-credentials';
import { UploadFileResult, UploadProgress } from '../../upload/upload-file';

/** What the printed commands need to reach the same S3 as this run. */
export interface ReachedAs {
  readonly endpointUrl?: string;
  readonly profile?: string;
  readonly region?: string;
}

/** An argument as a POSIX shell reads it back: quoted only when it must be. */
function shellQuote(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, '\'\\\'\'')}'`;
}

/** A command to print: each word quoted for the shell, without the user and password of a URL (credentialsLeftOut says so). */
function printedCommand(words: readonly string[]): string {
  return words.map(word => shellQuote(redactUrlCredentials(word))).join(' ');
}

/** The command that resumes this upload: the same one again. */
export function resumeCommand(argv: readonly string[]): string {
  return printedCommand(['mpu-upload', ...argv]);
}

/** The AWS CLI command that aborts one upload, exactly that one. */
export function abortCommand(target: S3Target, uploadId: string, reached: ReachedAs): string {
  const words = ['aws', 's3api', 'abort-multipart-upload', '--bucket', target.bucket, '--key', target.key, '--upload-id', uploadId];
  if (reached.endpointUrl !== undefined) words.push('--endpoint-url', reached.endpointUrl);
  if (reached.profile !== undefined) words.push('--profile', reached.profile);
  if (reached.region !== undefined) words.push('--region', reached.region);
  return printedCommand(words);
}

/** The line under printed commands that hid a URL's user and password; empty when none did. */
export function credentialsLeftOut(...commands: string[]): string {
  return commands.some(command => command.includes(`${REDACTED_USERINFO}@`))
    ? `  ${REDACTED_USERINFO}@ stands for the user and password of the URL, which are not printed: write them back to run the command\n`
    : '';
}

/** Bytes per second, for people; empty before there is anything to measure. */
function speedOf(bytes: number, elapsedMs: number): string {
  if (bytes === 0 || elapsedMs <= 0) return '';
  return `${humanBytes(Math.round((bytes * 1000) / elapsedMs))}/s`;
}

const BAR_WIDTH = 20;

/** The progress bar: `[#####-----]  50% 12.5 MiB of 25.0 MiB, 1/2 parts, 3.1 MiB/s`, at most `width` characters. */
export function progressLine(progress: UploadProgress, bytesSent: number, elapsedMs: number, width: number): string {
  const share = progress.bytesTotal === 0 ? 1 : progress.bytesDone / progress.bytesTotal;
  const speed = speedOf(bytesSent, elapsedMs);
  const figures = `${String(Math.floor(share * 100)).padStart(3)}% ${humanBytes(progress.bytesDone)} of ${humanBytes(progress.bytesTotal)}, `
    + `${progress.partsDone}/${progress.partsTotal} parts${speed === '' ? '' : `, ${speed}`}`;
  if (figures.length + BAR_WIDTH + 3 >= width) return figures.slice(0, Math.max(0, width - 1));
  const filled = Math.floor(share * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${figures}`;
}

/** The last line of a run that put the bytes in place, or found them there. */
export function finishedLine(file: string, target: S3Target, result: Exclude<UploadFileResult, { outcome: 'stopped' }>, elapsedMs: number): string {
  const url = `s3://${target.bucket}/${target.key}`;
  if (result.outcome === 'unchanged') return `unchanged: ${url} already holds ${file} (${bytesText(result.bytes)}): nothing sent`;
  const parts = result.uploadId === null ? 'one PUT' : `${result.partsSent} part${result.partsSent === 1 ? '' : 's'} sent, ${result.partsReused} reused`;
  const speed = speedOf(result.bytesSent, elapsedMs);
  return `upload: ${file} to ${url}: ${bytesText(result.bytes)}, ${parts}, ${bytesText(result.bytesSent)} sent${speed === '' ? '' : ` at ${speed}`}`;
}

function bytesText(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${humanBytes(bytes)} (${bytes} bytes)`;
}
