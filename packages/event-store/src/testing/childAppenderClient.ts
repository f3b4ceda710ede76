import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ChildCommand, ChildMessage } from './childProtocol.js';

// Under tap the suite runs from .ts through a loader that process.execArgv carries along.
const childScript = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts') ? './childAppender.ts' : './childAppender.js',
    import.meta.url,
  ),
);

const STARTUP_TIMEOUT_MS = 60_000;

/** The parent's handle on one `childAppender` process. */
export class ChildAppender {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #queue: ChildMessage[] = [];
  readonly #waiters: (() => void)[] = [];
  readonly #exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #stderr = '';
  #done = false;

  private constructor(config: unknown) {
    this.#child = spawn(
      process.execPath,
      [...process.execArgv, childScript, JSON.stringify(config)],
      {
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    this.#child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-4000);
    });
    createInterface({ input: this.#child.stdout }).on('line', (line) => {
      this.#queue.push(JSON.parse(line) as ChildMessage);
      this.#wakeAll();
    });
    this.#exited = once(this.#child, 'exit').then(([code, signal]) => {
      this.#done = true;
      this.#wakeAll();
      return { code: code as number | null, signal: signal as NodeJS.Signals | null };
    });
    // A killed child closes its stdin pipe under us; that is expected.
    this.#child.stdin.on('error', () => undefined);
  }

  static async spawn(config: unknown): Promise<ChildAppender> {
    const child = new ChildAppender(config);
    await child.next('ready', STARTUP_TIMEOUT_MS);
    return child;
  }

  #wakeAll(): void {
    for (const wake of this.#waiters.splice(0)) wake();
  }

  send(command: ChildCommand): void {
    this.#child.stdin.write(`${JSON.stringify(command)}\n`);
  }

  /** The next message, which must be of `type`. */
  async next<T extends ChildMessage['type']>(
    type: T,
    ms = 30_000,
  ): Promise<Extract<ChildMessage, { type: T }>> {
    const deadline = Date.now() + ms;
    while (this.#queue.length === 0) {
      if (this.#done) throw new Error(`child exited while waiting for '${type}': ${this.#stderr}`);
      if (Date.now() > deadline) throw new Error(`child sent no '${type}' in ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const message = this.#queue.shift() as ChildMessage;
    if (message.type !== type) {
      throw new Error(
        `child sent '${message.type}' (${JSON.stringify(message)}), expected '${type}'`,
      );
    }
    return message as Extract<ChildMessage, { type: T }>;
  }

  /** Messages received but not yet taken. */
  pending(): readonly ChildMessage[] {
    return this.#queue;
  }

  async kill(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!this.#done) this.#child.kill('SIGKILL');
    return this.#exited;
  }

  /** Asks the child to close its store and exit; kills it if it has not within `ms`. */
  async exit(ms = 10_000): Promise<void> {
    if (!this.#done) this.send({ cmd: 'exit' });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), ms);
    });
    const result = await Promise.race([this.#exited, late]);
    clearTimeout(timer);
    if (result === 'late') {
      await this.kill();
      throw new Error(`child did not exit within ${ms} ms: ${this.#stderr}`);
    }
    if (result.code !== 0) throw new Error(`child exited with ${result.code}: ${this.#stderr}`);
  }
}
