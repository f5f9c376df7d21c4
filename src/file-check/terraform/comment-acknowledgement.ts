import { HclBlockPlace, HclComment } from './hcl-source';
import { Acknowledgement } from '../../policy/acknowledgement';
import { RULES } from '../../policy/rule-catalogue';

/** The comment that acknowledges a rule on a Terraform block, as Checkov users write `checkov:skip`. */
export const ACKNOWLEDGE_COMMENT = 'mpu-check:acknowledge';

const RULE_IDS: readonly string[] = RULES.map(rule => rule.id);

/**
 * The acknowledgements written as comments inside a block or on the comment lines right above
 * it: `# mpu-check:acknowledge MultipartUpload-MPU1 <reason>`. One that names no rule id is
 * returned for every rule without a reason, so that it is refused with a message rather than
 * ignored.
 */
export function acknowledgementsOfBlock(block: HclBlockPlace, comments: readonly HclComment[], file: string): Map<string, Acknowledgement> {
  const found = new Map<string, Acknowledgement>();
  for (const comment of commentsOf(block, comments)) {
    const at = comment.text.indexOf(ACKNOWLEDGE_COMMENT);
    if (at < 0) continue;
    const where = `the comment at ${file}:${comment.line}`;
    const rest = comment.text.slice(at + ACKNOWLEDGE_COMMENT.length).replace(/^[\s:=]+/, '');
    const ruleId = RULE_IDS.find(id => rest.startsWith(id));
    if (ruleId === undefined) {
      for (const id of RULE_IDS) {
        if (!found.has(id)) found.set(id, { reason: '', where: `${where} (it must be # ${ACKNOWLEDGE_COMMENT} MultipartUpload-MPUn <reason>)` });
      }
      continue;
    }
    found.set(ruleId, { reason: rest.slice(ruleId.length).replace(/^[\s:=]+/, '').trim(), where });
  }
  return found;
}

function commentsOf(block: HclBlockPlace, comments: readonly HclComment[]): HclComment[] {
  const inside: HclComment[] = [];
  for (let at = firstFrom(comments, block.line); at < comments.length && comments[at].line <= block.endLine; at++) inside.push(comments[at]);
  const ownLines = ownLineComments(comments);
  const above: HclComment[] = [];
  for (let line = block.line - 1; ownLines.has(line); line--) above.push(ownLines.get(line)!);
  return [...above, ...inside];
}

/** The index of the first comment on `line` or after it: comments come in the order of their lines. */
function firstFrom(comments: readonly HclComment[], line: number): number {
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (comments[middle].line < line) low = middle + 1;
    else high = middle;
  }
  return low;
}

const ownLinesOf = new WeakMap<readonly HclComment[], Map<number, HclComment>>();

/** The first comment alone on each line, found once per file: a file of many blocks is read in linear time. */
function ownLineComments(comments: readonly HclComment[]): Map<number, HclComment> {
  let byLine = ownLinesOf.get(comments);
  if (byLine === undefined) {
    byLine = new Map();
    for (const comment of comments) {
      if (comment.ownLine && !byLine.has(comment.line)) byLine.set(comment.line, comment);
    }
    ownLinesOf.set(comments, byLine);
  }
  return byLine;
}
