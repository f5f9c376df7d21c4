const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Parses a duration written as a whole number and a unit: `0s`, `90m`, `24h`, `7d`.
 * Throws an error that names `flag` and shows the accepted forms.
 */
export function parseDuration(flag: string, text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text.trim());
  if (!match) {
    throw new Error(`${flag} must be a whole number followed by s, m, h or d, like 90m, 24h or 7d (got "${text}")`);
  }
  return Number(match[1]) * UNIT_SECONDS[match[2]];
}

/** A duration for people: `45s`, `90m`, `36h`, `12d`. */
export function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.floor(seconds)}s`;
  if (seconds < 2 * 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 2 * 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}
