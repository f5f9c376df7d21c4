import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PolicyStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
}

export interface IamPolicy {
  readonly Version: string;
  readonly Statement: PolicyStatement[];
}

/** The policies of the "Least-privilege IAM policies" section of docs/mpu-audit.md (once the README's), read from that page, never copied. */
export interface ReadmePolicies {
  /** The read-only audit policy. */
  readonly audit: IamPolicy;
  /** The statement `--abort` adds. */
  readonly abort: PolicyStatement;
  /** The statement `--fix-lifecycle` adds. */
  readonly fixLifecycle: PolicyStatement;
}

const HEADING = '**Least-privilege IAM policies.**';
const PAGE = 'docs/mpu-audit.md';

export function readmePolicies(readme = readFileSync(join(__dirname, '..', '..', PAGE), 'utf8')): ReadmePolicies {
  const start = readme.indexOf(HEADING);
  if (start < 0) throw new Error(`${PAGE} has no ${HEADING} section`);
  const section = readme.slice(start, nextHeading(readme, start));
  const json = /```json\n([\s\S]*?)```/.exec(section);
  if (!json) throw new Error(`${PAGE} ${HEADING} has no \`\`\`json block`);
  return { audit: JSON.parse(json[1]), abort: addedBy(section, '--abort'), fixLifecycle: addedBy(section, '--fix-lifecycle') };
}

function nextHeading(readme: string, from: number): number {
  const match = /^#/m.exec(readme.slice(from));
  return match ? from + match.index : readme.length;
}

/** The statement in "`<flag>` adds `{ ... }`". */
function addedBy(section: string, flag: string): PolicyStatement {
  const match = new RegExp(`\`${flag}\` adds \`(\\{[^\`]*\\})\``).exec(section);
  if (!match) throw new Error(`${PAGE} ${HEADING} does not say what ${flag} adds`);
  return JSON.parse(match[1]);
}

/** Every action the policy allows, one entry per action. */
export function actionsOf(policy: IamPolicy): string[] {
  return policy.Statement.flatMap(s => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

/** The policy without one action (a statement left with none is dropped). */
export function without(policy: IamPolicy, action: string): IamPolicy {
  const statements = policy.Statement.map(s => {
    const actions = (Array.isArray(s.Action) ? s.Action : [s.Action]).filter(a => a !== action);
    return { ...s, Action: actions.length === 1 ? actions[0] : actions };
  }).filter(s => s.Action.length > 0);
  return { ...policy, Statement: statements };
}

/** The policy with one more statement. */
export function plus(policy: IamPolicy, statement: PolicyStatement): IamPolicy {
  return { ...policy, Statement: [...policy.Statement, statement] };
}
