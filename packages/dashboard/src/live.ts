/**
 * Follows `GET /updates` (Server-Sent Events). EventSource cannot send an Authorization header,
 * so the stream is read with fetch: the token stays in a header, never in a URL or a log.
 * Reconnects with backoff; after a reconnect the caller refreshes everything it shows, since
 * changes made while disconnected are not replayed.
 */
import { parseEvents } from './sseParser.js';

export type LiveState = 'connecting' | 'live' | 'offline';

export interface LiveOptions {
  readonly token: () => string | null;
  readonly onChange: (change: { projectId: string; position: string }) => void;
  readonly onResync: () => void;
  readonly onState: (state: LiveState) => void;
}

export function followUpdates(options: LiveOptions): { stop(): void } {
  let stopped = false;
  let controller: AbortController | null = null;
  let delay = 1000;
  let connectedBefore = false;

  const run = async (): Promise<void> => {
    while (!stopped) {
      const token = options.token();
      if (!token) break;
      options.onState('connecting');
      controller = new AbortController();
      try {
        const res = await fetch('/updates', {
          headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
          signal: controller.signal,
          cache: 'no-store',
        });
        // A refused token or role will not get better by retrying.
        if (res.status === 401 || res.status === 403) break;
        if (!res.ok || !res.body) throw new Error(`updates: ${res.status}`);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer = parseEvents(buffer + value, (m) => {
            if (m.event === 'ready') {
              options.onState('live');
              delay = 1000;
              if (connectedBefore) options.onResync();
              connectedBefore = true;
            } else if (m.event === 'project') {
              options.onChange(JSON.parse(m.data) as { projectId: string; position: string });
            }
          });
        }
      } catch {
        // network error or abort: fall through to the retry below
      }
      if (stopped) break;
      options.onState('connecting');
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 30_000);
    }
    options.onState('offline');
  };
  void run();
  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
  };
}
