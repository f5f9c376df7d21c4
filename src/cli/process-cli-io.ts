import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { CliIo, InterruptSignal } from './cli-io';
import { ExitCode } from './exit-code';
import { packageMetadata } from './package-metadata';
import { internalErrorLine } from './problem-line';
import { readRegularFile } from './regular-file';

/**
 * A command's bin: `run` on this process's arguments and CliIo, and the exit code it returns. An
 * error that escapes it, or is thrown where no one awaits it, is an internal error: one line, exit 70.
 */
export function runOnProcess(command: string, run: (argv: readonly string[], io: CliIo) => Promise<number>): void {
  const crash = (error: unknown) => {
    process.stderr.write(internalErrorLine(command, error));
    process.exitCode = ExitCode.INTERNAL;
  };
  process.on('uncaughtException', error => {
    crash(error);
    process.exit();
  });
  // On Node 20 the AWS SDK prints a seven-line notice that its releases after January 2027 need
  // Node 22; stderr is one line per problem, so it is off unless the user turns it on with "false".
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  run(process.argv.slice(2), processCliIo(packageMetadata().version)).then(code => {
    process.exitCode = code;
  }, crash);
}

/** The CliIo of this process: its streams, environment, files and SIGINT. */
export function processCliIo(version: string): CliIo {
  return {
    stdout: text => writeWithBackpressure(process.stdout, text),
    stderr: text => process.stderr.write(text),
    stderrIsTerminal: process.stderr.isTTY === true,
    env: process.env,
    readFile: path => readFileSync(path, 'utf8'),
    readRegularFile,
    writeFile: (path, pieces, overwrite) => {
      const fd = openSync(path, overwrite ? 'w' : 'wx');
      try {
        for (const piece of pieces) writeSync(fd, piece);
      } finally {
        closeSync(fd);
      }
    },
    onInterrupt: handler => {
      const signals: InterruptSignal[] = ['SIGINT', 'SIGTERM'];
      signals.forEach(signal => process.on(signal, handler));
      return () => signals.forEach(signal => process.off(signal, handler));
    },
    version,
  };
}

/**
 * Writes, and when the stream's buffer is full returns a promise of the
 * 'drain': a pipe to a slow reader would otherwise hold the whole report in memory.
 */
export function writeWithBackpressure(stream: NodeJS.WritableStream, text: string): Promise<void> | undefined {
  if (stream.write(text)) return undefined;
  return new Promise(resolve => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}
