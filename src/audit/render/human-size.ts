const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
const STEP = 1024;

/**
 * A byte count for people, in binary units: `0 B`, `1023 B`, `1.5 KiB`, `300.0 MiB`.
 * One decimal above bytes; a value that would round to 1024.0 of a unit is shown in the next one.
 */
export function humanBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} B`;
  const sign = bytes < 0 ? '-' : '';
  let value = Math.abs(bytes);
  if (value < STEP) return `${sign}${value} B`;
  let unit = 0;
  while (value >= STEP && unit < UNITS.length - 1) {
    value /= STEP;
    unit++;
  }
  if (Number(value.toFixed(1)) >= STEP && unit < UNITS.length - 1) {
    value /= STEP;
    unit++;
  }
  return `${sign}${value.toFixed(1)} ${UNITS[unit]}`;
}
