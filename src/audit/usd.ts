/** USD as the reports give it: to a hundredth of a cent. */
export function roundUsd(usd: number): number {
  return Math.round(usd * 10000) / 10000;
}
