import { describeError, EndpointUnreachableError } from '../../src/s3/errors';
import { redactUrlCredentials } from '../../src/s3/url-credentials';

const SECRET = 'hunter2-SECRET';

describe('redactUrlCredentials', () => {
  test.each([
    [`http://user:${SECRET}@127.0.0.1:7480`, 'http://***@127.0.0.1:7480'],
    [`https://${SECRET}@s3.example.com/bucket`, 'https://***@s3.example.com/bucket'],
    [`(got "ftp://me:${SECRET}@example.com")`, '(got "ftp://***@example.com")'],
    // A password with an @ in it: the userinfo ends at the last @ before the path, as URL parsers read it.
    [`http://me:p@ss-${SECRET}@host/a@b`, 'http://***@host/a@b'],
    // Written without its scheme (which --endpoint-url refuses, and then quotes).
    [`me:${SECRET}@127.0.0.1:1`, '***@127.0.0.1:1'],
    [`--endpoint-url=http://a:${SECRET}@h1 then "b:${SECRET}@h2"`, '--endpoint-url=http://***@h1 then "***@h2"'],
    // Nothing to hide.
    ['http://127.0.0.1:7480/path?x=1', 'http://127.0.0.1:7480/path?x=1'],
    ['alice@example.com', 'alice@example.com'],
    ['s3://bucket/key@2026', 's3://bucket/key@2026'],
    ['arn:aws:iam::123456789012:role/Audit', 'arn:aws:iam::123456789012:role/Audit'],
  ])('%s', (text, printed) => {
    expect(redactUrlCredentials(text)).toBe(printed);
  });
});

describe('the messages built from errors', () => {
  test('an SDK error whose message embeds the endpoint with its user and password', () => {
    const error = Object.assign(new Error(`connect ECONNREFUSED: http://me:${SECRET}@127.0.0.1:1/bucket?uploads`), { name: 'Error', code: 'ECONNREFUSED' });
    expect(describeError(error)).toBe('connect ECONNREFUSED: http://***@127.0.0.1:1/bucket?…');
  });

  test('an endpoint that cannot be reached', () => {
    const error = new EndpointUnreachableError(`http://me:${SECRET}@127.0.0.1:1`, new Error('connect ECONNREFUSED 127.0.0.1:1'));
    expect(error.message).toBe('http://***@127.0.0.1:1 cannot be reached: connect ECONNREFUSED 127.0.0.1:1');
  });
});
