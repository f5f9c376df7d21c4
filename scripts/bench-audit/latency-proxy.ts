import { Agent, createServer, request, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/** What the proxy does to each request. */
export interface LatencyProxyOptions {
  /** Where requests go, e.g. http://127.0.0.1:7480. */
  readonly target: string;
  /** Added to every request before it is forwarded: a simulated round trip. */
  readonly delayMs: number;
  /** Share of requests (0 to 1) answered 503 SlowDown instead of being forwarded. */
  readonly slowDownShare?: number;
  /** Seed of the 503 choice, so that a run can be repeated. */
  readonly seed?: number;
}

export interface LatencyProxy {
  readonly url: string;
  /**
   * Requests received, how many of them got an injected 503, and the sum of
   * their round trips as seen here (the delay plus the server's answer), so
   * that the round trip under a run's own load can be compared with the idle one.
   */
  readonly stats: { requests: number; slowDowns: number; roundTripMsTotal: number };
  resetStats(): void;
  close(): Promise<void>;
}

/**
 * A small HTTP proxy in front of the local S3 server that makes loopback
 * behave like a network: each request waits `delayMs`, and a share of them
 * can be answered with S3's 503 SlowDown. Headers are forwarded unchanged, so
 * SigV4 signatures stay valid.
 */
export async function startLatencyProxy(options: LatencyProxyOptions): Promise<LatencyProxy> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const random = mulberry32(options.seed ?? 1);
  const stats = { requests: 0, slowDowns: 0, roundTripMsTotal: 0 };
  const server: Server = createServer((req, res) => {
    stats.requests++;
    const received = process.hrtime.bigint();
    res.on('finish', () => {
      stats.roundTripMsTotal += Number(process.hrtime.bigint() - received) / 1e6;
    });
    const fail = random() < (options.slowDownShare ?? 0);
    setTimeout(() => {
      if (fail) {
        stats.slowDowns++;
        req.resume();
        res.writeHead(503, { 'Content-Type': 'application/xml' });
        res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
        return;
      }
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
      req.pipe(upstream);
    }, options.delayMs);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    resetStats: () => {
      stats.requests = 0;
      stats.slowDowns = 0;
      stats.roundTripMsTotal = 0;
    },
    close: () => new Promise(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
      agent.destroy();
    }),
  };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same run. */
/* eslint-disable no-bitwise */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
/* eslint-enable no-bitwise */
