/**
 * Counts work started and not yet settled, so that whoever starts it can wait for room
 * (backpressure) and for the end of it all. Unlike the Limiter, it queues nothing: the
 * producer itself waits, so what waits is never built.
 */
export class InFlightWindow {
  private open = 0;
  private wake?: () => void;

  constructor(private readonly size: number) {}

  public get full(): boolean {
    return this.open >= this.size;
  }

  /** Counts `work` as open until its promise settles. */
  public start(work: () => Promise<unknown>): void {
    this.open++;
    void work().finally(() => {
      this.open--;
      this.wake?.();
    });
  }

  /** Resolves once fewer than `size` are open. */
  public room(): Promise<void> {
    return this.atMostOpen(this.size - 1);
  }

  /** Resolves once none are open. */
  public drained(): Promise<void> {
    return this.atMostOpen(0);
  }

  private atMostOpen(count: number): Promise<void> {
    return new Promise(resolve => {
      this.wake = () => {
        if (this.open <= count) resolve();
      };
      this.wake();
    });
  }
}
