/** How many sockets this process holds per person. */
export class Tally {
  private readonly counts = new Map<string, number>();

  /** Counts one more; returns the new count. */
  add(key: string): number {
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n;
  }

  /** Counts one fewer (never below zero); returns the new count. */
  remove(key: string): number {
    const n = Math.max(0, (this.counts.get(key) ?? 0) - 1);
    if (n === 0) this.counts.delete(key);
    else this.counts.set(key, n);
    return n;
  }

  has(key: string): boolean {
    return this.counts.has(key);
  }

  keys(): IterableIterator<string> {
    return this.counts.keys();
  }

  get size(): number {
    return this.counts.size;
  }
}
