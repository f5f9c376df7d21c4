/**
 * The lines of the block under the first line that matches `label`: each line indented deeper than
 * the label, without their common indent. For the blocks mpu-audit prints to copy (YAML, JSON).
 */
export function blockUnder(lines: readonly string[], label: RegExp): string {
  const start = lines.findIndex(line => label.test(line));
  if (start < 0) throw new Error(`no line matches ${label}`);
  const indent = (line: string) => line.length - line.trimStart().length;
  const block: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (indent(line) <= indent(lines[start])) break;
    block.push(line);
  }
  const least = Math.min(...block.map(indent));
  return block.map(line => line.slice(least)).join('\n');
}
