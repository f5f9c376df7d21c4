import { Aspects, IAspect, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

interface Registration {
  readonly scope: IConstruct;
  readonly aspect: IAspect;
  readonly priority: number;
}

const registered = new WeakMap<Stage, Registration[]>();

/**
 * Adds `aspect` to `scope` and to each Stage inside it: an Aspect added to an App does not reach
 * into its Stages. A Stage's nested Stages are synthesized before its own Aspects run, so Stages
 * that appear later are covered by adding the aspect again when the enclosing Stage starts to
 * synthesize. `priority` is an `AspectPriority`; `caller` names the API in the error for a scope outside any App or Stage.
 */
export function addEverywhere(scope: IConstruct, aspect: IAspect, priority: number, caller: string): void {
  const host = Stage.isStage(scope) ? scope : Stage.of(scope);
  if (!host) {
    throw new Error(`${caller}: ${scope.node.path || 'the scope'} is not inside an App or Stage`);
  }
  let entries = registered.get(host);
  if (!entries) {
    const hostEntries: Registration[] = [];
    entries = hostEntries;
    registered.set(host, hostEntries);
    const synth = host.synth.bind(host);
    host.synth = (options) => {
      hostEntries.forEach(addToTree);
      return synth(options);
    };
  }
  const registration = { scope, aspect, priority };
  entries.push(registration);
  addToTree(registration);
}

function addToTree({ scope, aspect, priority }: Registration): void {
  for (const construct of [scope, ...scope.node.findAll().filter(Stage.isStage)]) {
    const aspects = Aspects.of(construct);
    if (!aspects.all.includes(aspect)) {
      aspects.add(aspect, { priority });
    }
  }
}
