import { createServer, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

/** What the front door answers itself; every other request goes on to the local S3 server. */
export interface FrontDoorAnswers {
  /** AWS Organizations ListAccounts: the organization's active accounts. */
  readonly accounts: ReadonlyArray<{ readonly id: string; readonly name: string }>;
  /** STS AssumeRole: the keys the role's account acts with on the S3 server, or undefined when the role cannot be assumed. */
  readonly assumeRole: (roleArn: string) => { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
  /** GetBucketLocation of these buckets (RGW has one region): the region the test puts each in. */
  readonly bucketRegions: Readonly<Record<string, string>>;
  /** S3 requests answered with 500 InternalError instead of being passed on. */
  readonly fails?: (method: string, url: URL) => boolean;
}

/** An endpoint for AWS_ENDPOINT_URL_{STS,ORGANIZATIONS,S3}: the SDK's own requests, answered on the wire. */
export interface FrontDoor {
  readonly url: string;
  /** Every request the front door saw, as `SERVICE action` lines. */
  readonly seen: string[];
  close(): Promise<void>;
}

/**
 * A local HTTP endpoint in front of the S3 server for code that builds its own SDK clients (the bundled
 * functions): Organizations and STS are answered here, S3 requests are passed on unchanged (Host included,
 * so their signatures still match) except GetBucketLocation of the named buckets and the injected faults.
 */
export async function startFrontDoor(s3EndpointUrl: string, answers: FrontDoorAnswers): Promise<FrontDoor> {
  const upstream = new URL(s3EndpointUrl);
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(error => reply(res, 500, 'text/plain', String(error)));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://front-door');
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string' && target.startsWith('AWSOrganizationsV20161128.')) {
      await bodyOf(req);
      seen.push(`organizations ${target.split('.')[1]}`);
      const accounts = answers.accounts.map(a => ({
        Id: a.id, Name: a.name, Arn: `arn:aws:organizations::000000000000:account/o-test/${a.id}`, Email: `${a.id}@example.com`, State: 'ACTIVE', Status: 'ACTIVE',
      }));
      return reply(res, 200, 'application/x-amz-json-1.1', JSON.stringify({ Accounts: accounts }));
    }
    if (req.method === 'POST' && url.pathname === '/' && !url.search) {
      const form = new URLSearchParams(await bodyOf(req));
      if (form.get('Action') === 'AssumeRole') return assumeRole(form.get('RoleArn') ?? '', res);
      return reply(res, 400, 'text/plain', `front door: unexpected POST ${form.get('Action')}`);
    }
    const bucket = decodeURIComponent(url.pathname.split('/')[1] ?? '');
    if (req.method === 'GET' && url.searchParams.has('location') && bucket in answers.bucketRegions) {
      seen.push(`s3 GetBucketLocation ${bucket}`);
      const region = answers.bucketRegions[bucket];
      const constraint = region === 'us-east-1' ? '' : region;
      return reply(res, 200, 'application/xml', `<?xml version="1.0" encoding="UTF-8"?><LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${constraint}</LocationConstraint>`);
    }
    if (answers.fails?.(req.method ?? 'GET', url)) {
      seen.push(`s3 fault ${req.method} ${url.pathname}${url.search}`);
      return reply(res, 500, 'application/xml', '<?xml version="1.0" encoding="UTF-8"?><Error><Code>InternalError</Code><Message>injected by the test</Message></Error>');
    }
    if (url.searchParams.has('uploads')) seen.push(`s3 ListMultipartUploads ${url.pathname}${url.search}`);
    const forwarded = request({
      host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers,
    }, answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', error => reply(res, 502, 'text/plain', String(error)));
    req.pipe(forwarded);
  }
  function assumeRole(roleArn: string, res: ServerResponse): void {
    seen.push(`sts AssumeRole ${roleArn}`);
    const keys = answers.assumeRole(roleArn);
    if (!keys) {
      return reply(res, 403, 'text/xml', '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code>'
        + `<Message>User is not authorized to perform: sts:AssumeRole on resource: ${roleArn}</Message></Error><RequestId>test</RequestId></ErrorResponse>`);
    }
    // No SessionToken: the S3 server knows the keys as a user's, and would refuse a token it did not issue.
    reply(res, 200, 'text/xml', '<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>'
      + `<Credentials><AccessKeyId>${keys.accessKeyId}</AccessKeyId><SecretAccessKey>${keys.secretAccessKey}</SecretAccessKey>`
      + '<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>'
      + `<AssumedRoleUser><Arn>${roleArn}/session</Arn><AssumedRoleUserId>AROATEST:session</AssumedRoleUserId></AssumedRoleUser>`
      + '</AssumeRoleResult><ResponseMetadata><RequestId>test</RequestId></ResponseMetadata></AssumeRoleResponse>');
  }
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

function bodyOf(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function reply(res: ServerResponse, status: number, contentType: string, body: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
