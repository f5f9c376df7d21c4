/** The known option closest to a typo: a prefix of it, or at most two edits away. */
export function nearestOption(typed: string, known: readonly string[]): string | undefined {
  const name = typed.replace(/^-+/, '').split('=')[0];
  if (name.length < 2) return undefined;
  const byPrefix = known.filter(option => option.startsWith(name) || name.startsWith(option));
  if (byPrefix.length === 1) return `--${byPrefix[0]}`;
  const near = known.map(option => ({ option, distance: editDistance(name, option) }))
    .filter(o => o.distance <= 2)
    .sort((a, b) => a.distance - b.distance);
  return near.length > 0 ? `--${near[0].option}` : undefined;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
