import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { CliRun, runMpuAudit } from '../../_helpers/run-mpu-audit';
import { runPromptly } from '../run-promptly';
import { expectOneLine, PROMPTLY_MS, SECRET, SOME_KEYS } from '../untrusted-input';

const expectUsageLine = (run: CliRun, line: string | RegExp) => expectOneLine('mpu-audit', run, 2, line);

describe('mpu-audit (the built bin) never prints the user and password of a URL', () => {
  test('an --endpoint-url that cannot be reached: the start-up line shows ***@ for them', () => {
    const run = runMpuAudit(['--endpoint-url', `http://auditor:${SECRET}@127.0.0.1:1`, '--bucket', 'logs'], SOME_KEYS);
    expectUsageLine(run, /^mpu-audit: --endpoint-url http:\/\/\*\*\*@127\.0\.0\.1:1 cannot be reached \(.*ECONNREFUSED.*\): check the URL/);
  });

  test('an --endpoint-url written without its scheme, or given twice: the usage line shows ***@ for them', () => {
    expectUsageLine(runMpuAudit(['--endpoint-url', `auditor:${SECRET}@127.0.0.1:1`]),
      '--endpoint-url must be an http:// or https:// URL, like http://localhost:7480 (got "***@127.0.0.1:1")');
    expectUsageLine(runMpuAudit(['--endpoint-url', `http://a:${SECRET}@h1`, `--endpoint-url=http://b:${SECRET}@h2`]),
      '--endpoint-url was given twice ("http://***@h1", then "http://***@h2"): give it once');
  });

  describe('an endpoint that rejects the credentials', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((_, response) => {
        response.writeHead(403, { 'content-type': 'application/xml' });
        response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SignatureDoesNotMatch</Code><Message>no</Message></Error>');
      });
      await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => { server.close(); });

    test('the line that says so shows ***@ for them', async () => {
      const run = await runPromptly('mpu-audit', ['--endpoint-url', `http://auditor:${SECRET}@127.0.0.1:${port}`, '--bucket', 'logs'], SOME_KEYS, PROMPTLY_MS);
      expectUsageLine(run, new RegExp('^mpu-audit: the AWS credentials from the environment or the default profile were rejected '
        + `by --endpoint-url http://\\*\\*\\*@127\\.0\\.0\\.1:${port} \\(SignatureDoesNotMatch`));
    });
  });
});
