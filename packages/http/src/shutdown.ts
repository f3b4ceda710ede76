import type { FastifyInstance } from 'fastify';

interface SignalSource {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface ShutdownOptions {
  /** Ends the process; injected so this module never calls process.exit itself. */
  readonly exit: (code: number) => void;
  /** Where signals come from; `process` in a real run, an emitter in tests. */
  readonly signals?: SignalSource;
  /** After this long a stuck close gives up with exit code 1. Default 10 s. */
  readonly timeoutMs?: number;
}

/**
 * On SIGTERM or SIGINT: `app.close()` (stops accepting, lets in-flight requests finish, runs
 * onClose hooks that close the store), then exit 0. A failed or stuck close exits 1.
 */
export function closeOnSignals(app: FastifyInstance, options: ShutdownOptions): void {
  const source = options.signals ?? process;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error({ timeoutMs }, 'shutdown timed out');
      options.exit(1);
    }, timeoutMs);
    timer.unref();
    app.close().then(
      () => {
        clearTimeout(timer);
        app.log.info('closed');
        options.exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        app.log.error({ err: error }, 'shutdown failed');
        options.exit(1);
      },
    );
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) source.once(signal, () => shutdown(signal));
}
