import autocannon from 'autocannon';

/** One autocannon run's figures (latencies in whole ms, as autocannon reports them). */
export interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Fine-grained percentiles from a sequential loop, when measured. */
  fine?: { p50: number; p99: number; rps: number };
}

/** Loads `url` for `seconds`, cycling through `paths`, with the same headers and body each time. */
export async function loadRun(
  name: string,
  options: {
    url: string;
    method?: 'GET' | 'POST';
    connections: number;
    seconds: number;
    paths: readonly string[];
    headers: Record<string, string>;
    body?: string | undefined;
  },
): Promise<Row> {
  let i = 0;
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ...(options.body !== undefined && { body: options.body }),
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          path: options.paths[i++ % options.paths.length],
        }),
      },
    ],
  });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  };
}
