import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { CliIo, InterruptSignal } from './cli-io';
import { readRegularFile } from './regular-file';

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
