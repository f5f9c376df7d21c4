/**
 * Hands items on in the order their places were reserved, each as soon as
 * every earlier one is in; a place filled with null is skipped.
 */
export class InOrder<T> {
  private readonly waiting: Array<T | null | undefined> = [];
  private first = 0;

  constructor(private readonly handOn: (item: T) => void) {}

  public reserve(): number {
    return this.first + this.waiting.push(undefined) - 1;
  }

  public fill(place: number, item: T | null): void {
    this.waiting[place - this.first] = item;
    let ready = 0;
    for (; ready < this.waiting.length && this.waiting[ready] !== undefined; ready++) {
      if (this.waiting[ready] !== null) this.handOn(this.waiting[ready]!);
    }
    this.waiting.splice(0, ready);
    this.first += ready;
  }
}
