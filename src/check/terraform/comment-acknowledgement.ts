import { MultipartUploadRuleId } from '../../policy/verdict';
import { Acknowledgement } from '../acknowledgement';
import { HclBlockPlace, HclComment } from './hcl-source';

/** The comment that acknowledges a rule on a Terraform block, as Checkov users write `checkov:skip`. */
export const ACKNOWLEDGE_COMMENT = 'mpu-check:acknowledge';

const RULE_IDS: readonly string[] = Object.values(MultipartUploadRuleId);

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
  const inside = comments.filter(comment => comment.line >= block.line && comment.line <= block.endLine);
  const above: HclComment[] = [];
  for (let line = block.line - 1; ; line--) {
    const comment = comments.find(candidate => candidate.line === line && candidate.ownLine);
    if (comment === undefined) break;
    above.push(comment);
  }
  return [...above, ...inside];
}
