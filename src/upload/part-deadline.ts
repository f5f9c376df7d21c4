/**
 * The slowest a part may travel before its attempt is cut and retried: 64 KiB/s, a link of
 * 5 Mbit/s shared by ten parts in flight. A 25 MiB part gets 400 s on top of the read timeout.
 */
export const SLOWEST_PART_BYTES_PER_SECOND = 64 * 1024;

/**
 * How long one attempt to send a part of `bytes` may take, sized to the part: a fixed timeout
 * either cuts big parts on slow links, which then never finish (the seed's RequestTimeout after
 * every retry), or lets a part that trickles hold its slot for ever. The read timeout (no byte
 * from the server for that long) still cuts a silent connection much earlier.
 */
export function partDeadlineMs(bytes: number, readTimeoutMs: number): number {
  return readTimeoutMs + Math.ceil((bytes / SLOWEST_PART_BYTES_PER_SECOND) * 1000);
}
