import { memoryCliIo } from './memory-cli-io';
import { CliIo } from '../../src/cli/cli-io';
import { ExitCode } from '../../src/cli/exit-code';
import { runCli, S3Factory } from '../../src/cli/mpu-audit/run-cli';
import { runCheckCli } from '../../src/cli/mpu-check/run-check';
import { runUploadCli } from '../../src/cli/mpu-upload/run-upload';
import { EndpointUnreachableError } from '../../src/s3/errors';
import { memoryCheckFs } from '../_helpers/check-helpers';
import { FakeS3 } from '../_helpers/fake-s3';

/** A bug deep in a run: an error no part of the command expects, with a stack and a second line. */
class InjectedBug extends TypeError {
  constructor() {
    super('cannot read properties of undefined (reading \'bucket\')\nsecond line');
  }
}

function throwBug(): never {
  throw new InjectedBug();
}

interface CommandUnderTest {
  readonly name: string;
  /** Runs the command in process; what it reaches after its checks throws InjectedBug (mpu-check's: when `broken`). */
  readonly run: (argv: readonly string[], io: CliIo, broken?: boolean) => Promise<number>;
  /** A command line that gets past the checks to the work. */
  readonly working: readonly string[];
}

const COMMANDS: readonly CommandUnderTest[] = [
  {
    name: 'mpu-check',
    run: (argv, io, broken) => runCheckCli(argv, io, broken ? { ...memoryCheckFs({}), entry: throwBug, absolute: throwBug } : memoryCheckFs({})),
    working: ['template.yaml'],
  },
  {
    name: 'mpu-audit',
    run: (argv, io) => runCli(argv, io, throwBug),
    working: ['--bucket', 'logs'],
  },
  {
    name: 'mpu-upload',
    run: (argv, io) => runUploadCli(argv, io, throwBug),
    working: [__filename, 's3://bucket/key'],
  },
];

describe.each(COMMANDS)('$name on the one command skeleton', ({ name, run, working }) => {
  test('--help and -h: the usage with the exit codes of the one table, on stdout, exit 0', async () => {
    const { io, out } = memoryCliIo();
    expect(await run(['--help'], io)).toBe(ExitCode.OK);
    expect(out.stdout).toMatch(new RegExp(`^Usage: ${name} \\[options\\]`));
    expect(out.stdout).toMatch(/\n\nExit codes: 0 [^\n]*;\s1 /);
    expect(out.stdout).toMatch(/\n70 internal error \(a bug\): what the run did is not known[.;]/);
    expect(out.stderr).toBe('');
    const short = memoryCliIo();
    expect(await run(['-h'], short.io)).toBe(ExitCode.OK);
    expect(short.out.stdout).toBe(out.stdout);
  });

  test('--help: no line wider than 80 columns but an option\'s own, and the same headings style as the others', async () => {
    const { io, out } = memoryCliIo();
    await run(['--help'], io);
    const headings = out.stdout.split('\n').filter(line => /^[A-Z][\w-]*( \(.*\))?:?$/.test(line));
    expect(headings.length).toBeGreaterThan(0);
    for (const heading of headings) expect(heading).not.toMatch(/:$/);
    const exitCodes = out.stdout.slice(out.stdout.indexOf('Exit codes:'));
    for (const line of exitCodes.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  test('--version prints the version given to it, and nothing else', async () => {
    const { io, out } = memoryCliIo();
    expect(await run(['--version'], io)).toBe(ExitCode.OK);
    expect(out).toMatchObject({ stdout: '1.2.3\n', stderr: '' });
  });

  test('--help and --version answer before anything else is looked at, even with a command line that would fail', async () => {
    const { io, out } = memoryCliIo();
    expect(await run(['--version', ...working], io, true)).toBe(ExitCode.OK);
    expect(out.stdout).toBe('1.2.3\n');
  });

  test('a usage error: one line naming the command, exit 2', async () => {
    const { io, out } = memoryCliIo();
    expect(await run(['--no-such-option'], io)).toBe(ExitCode.USAGE);
    expect(out.stderr).toMatch(new RegExp(`^${name}: Unknown option '--no-such-option': see ${name} --help for the options\\n$`));
  });

  test('an unexpected error: exit 70, one line on stderr with the message, never a stack trace', async () => {
    const { io, out } = memoryCliIo();
    expect(await run(working, io, true)).toBe(ExitCode.INTERNAL);
    expect(out.stderr).toBe(`${name}: unexpected error: TypeError: cannot read properties of undefined (reading 'bucket') second line\n`);
    expect(out.stdout).toBe('');
  });

  test('an unexpected error whose message is long and holds control characters: cut, escaped, still one line', async () => {
    const { io, out } = memoryCliIo({}, { version: '1.2.3' });
    const stdout = () => {
      throw new Error(`\u001b[31m${'x'.repeat(500)}`);
    };
    expect(await run(['--version'], { ...io, stdout })).toBe(ExitCode.INTERNAL);
    expect(out.stderr.split('\n')).toHaveLength(2);
    expect(out.stderr).not.toContain('\u001b');
    expect(out.stderr).toMatch(new RegExp(`^${name}: unexpected error: \\\\x1B\\[31mx+\\.\\.\\.\\n$`));
    expect(out.stderr.length).toBeLessThan(300);
  });
});

describe('an empty environment variable is unset, for every command that reads it', () => {
  test.each([
    ['AWS_REGION empty', { AWS_REGION: '' }, undefined],
    ['AWS_REGION empty, AWS_DEFAULT_REGION set', { AWS_REGION: '', AWS_DEFAULT_REGION: 'eu-west-2' }, 'eu-west-2'],
    ['both empty', { AWS_REGION: '', AWS_DEFAULT_REGION: '' }, undefined],
    ['AWS_REGION set', { AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'eu-west-2' }, 'ap-south-1'],
  ])('%s: mpu-audit and mpu-upload both reach S3 in the same region', async (_, env, region) => {
    const seen: Array<string | undefined> = [];
    const audit = memoryCliIo({}, { env });
    await runCli(['--bucket', 'logs'], audit.io, options => {
      seen.push(options.region);
      throw new InjectedBug();
    });
    const upload = memoryCliIo({}, { env });
    await runUploadCli([__filename, 's3://bucket/key'], upload.io, connection => {
      seen.push(connection.region);
      throw new InjectedBug();
    });
    const organization = memoryCliIo({}, { env });
    await runCli(['--accounts-from-organization', '--role-name', 'Audit', '--region', 'eu-west-1'], organization.io, throwBug, options => {
      seen.push(options.region);
      throw new InjectedBug();
    });
    expect(seen).toEqual([region, region, region]);
  });

  test('empty AWS_REGION: the line for an unreachable S3 names the default region, not an empty one', async () => {
    const unreachable = new EndpointUnreachableError('https://s3.us-east-1.amazonaws.com', new Error('getaddrinfo ENOTFOUND'));
    const { io, out } = memoryCliIo({}, { env: { AWS_REGION: '', AWS_DEFAULT_REGION: '' } });
    const unreachableS3: S3Factory = options => {
      const fail = async () => {
        options.onStartUpFailure?.(unreachable);
        throw unreachable;
      };
      return Object.assign(new FakeS3({}), { listBuckets: fail, bucketRegion: fail });
    };
    expect(await runCli(['--bucket', 'logs'], io, unreachableS3)).toBe(ExitCode.USAGE);
    expect(out.stderr).toMatch(/^mpu-audit: cannot reach S3 in region us-east-1 \(the default\) \(/);
  });
});
