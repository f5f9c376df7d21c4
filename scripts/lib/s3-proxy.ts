import { ChildProcess } from 'node:child_process';
import { Agent, ClientRequest, createServer, IncomingHttpHeaders, IncomingMessage, request, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { mulberry32 } from './mulberry32';

/** One request as the proxy sees it (path-style addressing). */
export interface ProxiedRequest {
  readonly method: string;
  /** Empty for ListBuckets. */
  readonly bucket: string;
  /** Empty for bucket-level requests. */
  readonly key: string;
  readonly query: URLSearchParams;
  /** The region in the SigV4 credential scope. */
  readonly signingRegion: string;
  /** The body's size from Content-Length; 0 without one. */
  readonly contentLength: number;
  /** As the client sent them, names in lowercase. */
  readonly headers: IncomingHttpHeaders;
}

/** What the proxy does with a request instead of, or before, forwarding it. */
export type Fault =
  /** Answers with an S3 error document. */
  | { readonly kind: 'error'; readonly status: number; readonly code: string; readonly message: string; readonly headers?: Record<string, string> }
  /** Closes the connection without an answer. */
  | { readonly kind: 'reset' }
  /** Forwards nothing, and closes the connection once `afterBytes` of the body have arrived: a reset in the middle of a part. */
  | { readonly kind: 'reset-after-bytes'; readonly afterBytes: number }
  /** Never answers: the client's timeout has to end the request. */
  | { readonly kind: 'stall' }
  /** Runs `action`, then forwards the request. */
  | { readonly kind: 'before'; readonly action: () => Promise<void> }
  /**
   * Runs `action` (which kills the client, say) and, once it resolves, closes the connection
   * without forwarding a byte: the request can never land after the client is gone.
   */
  | { readonly kind: 'drop-after'; readonly action: () => Promise<void> }
  /** Answers `status` (an empty body unless given) without forwarding: a server that says it did what it did not, e.g. a 204 to an abort. */
  | { readonly kind: 'answer'; readonly status: number; readonly body?: string; readonly headers?: Record<string, string> }
  /**
   * Forwards the request line, the headers and the first `afterBytes` bytes of the body, then holds
   * the rest until `release` resolves: the server has the request in flight meanwhile (a part upload
   * being received while something else happens).
   */
  | { readonly kind: 'hold-body'; readonly afterBytes: number; readonly release: Promise<void> };

export interface S3ProxyOptions {
  /** Where requests go, e.g. http://127.0.0.1:7480. */
  readonly target: string;
  /** Added to every request before it is forwarded: a simulated round trip. */
  readonly delayMs?: number;
  /** Share of requests (0 to 1) answered 503 SlowDown instead of being forwarded. */
  readonly slowDownShare?: number;
  /** Seed of the 503 choice, so that a run can be repeated. */
  readonly seed?: number;
  /** Picks a fault for a request, or undefined to forward it. Runs after the SlowDown share. */
  readonly faultFor?: (request: ProxiedRequest) => Fault | undefined;
}

export interface S3Proxy {
  readonly url: string;
  /**
   * Requests received, how many of them got an injected 503 or other fault, and
   * the sum of their round trips as seen here (the delay plus the server's
   * answer), so that the round trip under a run's own load can be compared with the idle one.
   */
  readonly stats: { requests: number; slowDowns: number; faults: number; roundTripMsTotal: number };
  resetStats(): void;
  close(): Promise<void>;
}

export const SLOW_DOWN: Fault = { kind: 'error', status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' };

/**
 * Signals the client process when its request arrives, and drops the request once the process
 * has exited: it never lands. `client` is asked only then, so the fault can be set up before the
 * process is started.
 */
export function signalThenDrop(client: () => ChildProcess, signal: NodeJS.Signals): Fault {
  return {
    kind: 'drop-after',
    action: () => new Promise<void>(resolve => {
      const child = client();
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    }),
  };
}

/**
 * A small HTTP proxy in front of the local S3 server that makes loopback
 * behave like a network: each request can wait `delayMs`, and be answered with
 * SlowDown or another fault. Headers are forwarded unchanged, so SigV4
 * signatures stay valid.
 */
export async function startS3Proxy(options: S3ProxyOptions): Promise<S3Proxy> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const random = mulberry32(options.seed ?? 1);
  const stats = { requests: 0, slowDowns: 0, faults: 0, roundTripMsTotal: 0 };
  const forward = (req: IncomingMessage, res: ServerResponse, hold?: { afterBytes: number; release: Promise<void> }) => {
    const upstream = request({
      host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent,
    }, answer => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', error => {
      res.writeHead(502);
      res.end(String(error));
    });
    if (hold) return holdBody(req, upstream, hold);
    return req.pipe(upstream);
  };
  const server: Server = createServer((req, res) => {
    stats.requests++;
    const received = process.hrtime.bigint();
    res.on('finish', () => {
      stats.roundTripMsTotal += Number(process.hrtime.bigint() - received) / 1e6;
    });
    const slowDown = random() < (options.slowDownShare ?? 0);
    const fault = slowDown ? SLOW_DOWN : options.faultFor?.(proxiedRequest(req));
    setTimeout(() => {
      if (!fault) return forward(req, res);
      stats.faults++;
      if (fault === SLOW_DOWN) stats.slowDowns++;
      switch (fault.kind) {
        case 'error':
          // Answered once the body is in: an answer before it would make the client's write fail with EPIPE
          // about as often as it read the answer, and a test could not say which error the client reports.
          req.resume();
          return req.once('end', () => {
            res.writeHead(fault.status, { 'Content-Type': 'application/xml', ...fault.headers });
            res.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${fault.code}</Code><Message>${fault.message}</Message></Error>`);
          });
        case 'reset':
          return req.socket.destroy();
        case 'reset-after-bytes':
          return resetAfterBytes(req, fault.afterBytes);
        case 'stall':
          return req.resume();
        case 'answer':
          req.resume();
          res.writeHead(fault.status, fault.headers);
          return res.end(fault.body ?? '');
        case 'hold-body':
          return forward(req, res, fault);
        case 'before':
          return fault.action().then(() => forward(req, res), error => {
            res.writeHead(500);
            res.end(`the proxy's action failed: ${error}`);
          });
        case 'drop-after':
          req.pause();
          return void fault.action().catch(() => undefined).then(() => req.socket.destroy());
      }
    }, options.delayMs ?? 0);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    resetStats: () => Object.assign(stats, { requests: 0, slowDowns: 0, faults: 0, roundTripMsTotal: 0 }),
    close: () => new Promise(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
      agent.destroy();
    }),
  };
}

function resetAfterBytes(req: IncomingMessage, afterBytes: number): void {
  let received = 0;
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received >= afterBytes) req.socket.destroy();
  });
}

/** Writes the first `afterBytes` of the body to `upstream` at once, the rest once `release` resolves. */
function holdBody(req: IncomingMessage, upstream: ClientRequest, hold: { afterBytes: number; release: Promise<void> }): void {
  let sent = 0;
  let released = false;
  let ended = false;
  const held: Buffer[] = [];
  req.on('data', (chunk: Buffer) => {
    if (released) return upstream.write(chunk);
    const room = Math.max(0, hold.afterBytes - sent);
    if (room > 0) upstream.write(chunk.subarray(0, room));
    sent += Math.min(room, chunk.length);
    if (chunk.length > room) held.push(chunk.subarray(room));
    return undefined;
  });
  req.on('end', () => {
    ended = true;
    if (released) upstream.end();
  });
  void hold.release.then(() => {
    released = true;
    for (const chunk of held.splice(0)) upstream.write(chunk);
    if (ended) upstream.end();
  });
}

function proxiedRequest(req: IncomingMessage): ProxiedRequest {
  const url = new URL(req.url ?? '/', 'http://proxy');
  const [bucket = '', ...key] = url.pathname.slice(1).split('/');
  const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(req.headers.authorization ?? '');
  return {
    method: req.method ?? 'GET',
    bucket: decodeURIComponent(bucket),
    key: decodeURIComponent(key.join('/')),
    query: url.searchParams,
    signingRegion: scope?.[1] ?? '',
    contentLength: Number(req.headers['content-length'] ?? 0),
    headers: req.headers,
  };
}
