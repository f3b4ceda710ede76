/**
 * Work on one key runs one at a time, in arrival order; different keys run concurrently. The
 * command service takes a turn per stream so two commands it serves on one project never
 * decide on the same revision: the second decides on what the first appended instead of
 * colliding with it and sleeping through a retry. Idle keys are forgotten.
 */
export class KeyedTurns {
  readonly #tails = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.#tails.get(key) ?? Promise.resolve();
    const result = before.then(work);
    // The next in line waits for this one however it ends.
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.#tails.set(key, tail);
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get busy(): number {
    return this.#tails.size;
  }
}
