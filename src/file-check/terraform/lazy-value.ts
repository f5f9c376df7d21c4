/**
 * A value of a module instance that is evaluated once, when first asked for (a local value, a
 * variable's argument, an output, the instances of a block), whichever evaluation asks first; the
 * others wait for that evaluation.
 *
 * The evaluator runs the parts of an expression concurrently (`Promise.all`), so an evaluation may
 * ask for a value whose evaluation another one has started. Waiting is safe unless that evaluation
 * waits, through others, for the one asking: then neither would ever end (and Node exits with
 * nothing said). So each lazy value notes the lazy values its evaluation is waiting for, and a wait
 * that would close a circle gets the circle instead: Terraform refuses such a configuration.
 */
export class LazyValue<T> {
  private promise: Promise<T> | undefined;
  private settled = false;
  /** The lazy values this one's evaluation waits for, with how many of its concurrent parts wait for each. */
  private readonly waitingFor = new Map<LazyValue<unknown>, number>();

  /** `name` is how a circle names it, as Terraform does: `module.logs.output.id`, `local.rules`. */
  constructor(readonly name: string) {}

  /**
   * The value, evaluated by `evaluate` unless it is already (being) evaluated. `asker` is the lazy
   * value whose evaluation asks (undefined for an evaluation that is not one). When waiting would
   * close a circle, `circular` makes the answer from the circle's names, this value's first and
   * last; `visited` is told how many lazy values the search for a circle went through.
   */
  async get(
    asker: LazyValue<unknown> | undefined,
    evaluate: () => Promise<T>,
    circular: (names: readonly string[]) => T,
    visited: (count: number) => void,
  ): Promise<T> {
    if (this.settled) return this.promise!;
    if (asker !== undefined && this.promise !== undefined) {
      const circle = this.pathTo(asker, visited);
      if (circle !== undefined) return circular([...circle, this.name]);
    }
    asker?.startWaiting(this);
    try {
      if (this.promise === undefined) this.promise = this.evaluated(evaluate);
      return await this.promise;
    } finally {
      asker?.stopWaiting(this);
    }
  }

  private async evaluated(evaluate: () => Promise<T>): Promise<T> {
    // Not one step of the evaluation before `promise` is set: else what it asks for could ask for this value and start it again.
    await Promise.resolve();
    try {
      return await evaluate();
    } finally {
      this.settled = true;
    }
  }

  /** The names from this value to `target` along what each waits for; undefined when it does not wait for it. */
  private pathTo(target: LazyValue<unknown>, visited: (count: number) => void): string[] | undefined {
    const cameFrom = new Map<LazyValue<unknown>, LazyValue<unknown> | undefined>([[this, undefined]]);
    const queue: Array<LazyValue<unknown>> = [this];
    for (let at = 0; at < queue.length; at++) {
      const current = queue[at];
      if (current === target) {
        visited(at + 1);
        const names: string[] = [];
        for (let step: LazyValue<unknown> | undefined = current; step !== undefined; step = cameFrom.get(step)) names.unshift(step.name);
        return names;
      }
      for (const next of current.waitingFor.keys()) {
        if (cameFrom.has(next)) continue;
        cameFrom.set(next, current);
        queue.push(next);
      }
    }
    visited(queue.length);
    return undefined;
  }

  private startWaiting(value: LazyValue<unknown>): void {
    this.waitingFor.set(value, (this.waitingFor.get(value) ?? 0) + 1);
  }

  private stopWaiting(value: LazyValue<unknown>): void {
    const count = (this.waitingFor.get(value) ?? 1) - 1;
    if (count === 0) this.waitingFor.delete(value);
    else this.waitingFor.set(value, count);
  }
}
