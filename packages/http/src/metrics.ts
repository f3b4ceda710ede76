import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * A small Prometheus registry (text format 0.0.4): counters, gauges and histograms with labels.
 * Enough for this service's handful of series without a client library.
 */
type Labels = Readonly<Record<string, string>>;

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

const escapeLabel = (value: string): string =>
  value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
const escapeHelp = (value: string): string =>
  value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');

const formatNumber = (n: number): string =>
  Number.isNaN(n) ? 'NaN' : n === Infinity ? '+Inf' : n === -Infinity ? '-Inf' : String(n);

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (extra) pairs.push(extra);
  if (pairs.length === 0) return '';
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

const keyOf = (labels: Labels): string => labelText(labels);

interface Metric {
  readonly name: string;
  render(): string[] | Promise<string[]>;
}

export class Counter implements Metric {
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    if (by < 0) throw new RangeError('a counter only goes up');
    const key = keyOf(labels);
    const current = this.#values.get(key);
    this.#values.set(key, { labels, value: (current?.value ?? 0) + by });
  }

  value(labels: Labels = {}): number {
    return this.#values.get(keyOf(labels))?.value ?? 0;
  }

  render(): string[] {
    return [
      `# HELP ${this.name} ${escapeHelp(this.help)}`,
      `# TYPE ${this.name} counter`,
      ...[...this.#values.values()].map(
        ({ labels, value }) => `${this.name}${labelText(labels)} ${formatNumber(value)}`,
      ),
    ];
  }
}

/** A gauge set by the service, or computed at scrape time by `collect` (positions, lag). */
export class Gauge implements Metric {
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly collect?: () => number | Promise<number>,
  ) {}

  set(value: number, labels: Labels = {}): void {
    this.#values.set(keyOf(labels), { labels, value });
  }

  async render(): Promise<string[]> {
    if (this.collect) this.set(await this.collect());
    return [
      `# HELP ${this.name} ${escapeHelp(this.help)}`,
      `# TYPE ${this.name} gauge`,
      ...[...this.#values.values()].map(
        ({ labels, value }) => `${this.name}${labelText(labels)} ${formatNumber(value)}`,
      ),
    ];
  }
}

export const defaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export class Histogram implements Metric {
  readonly #series = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();
  readonly buckets: readonly number[];
  constructor(
    readonly name: string,
    readonly help: string,
    buckets: readonly number[] = defaultBuckets,
  ) {
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  observe(value: number, labels: Labels = {}): void {
    const key = keyOf(labels);
    let series = this.#series.get(key);
    if (!series) {
      series = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 };
      this.#series.set(key, series);
    }
    this.buckets.forEach((bound, i) => {
      if (value <= bound) series.counts[i]! += 1;
    });
    series.sum += value;
    series.count += 1;
  }

  render(): string[] {
    const lines = [`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} histogram`];
    for (const { labels, counts, sum, count } of this.#series.values()) {
      this.buckets.forEach((bound, i) =>
        lines.push(
          `${this.name}_bucket${labelText(labels, ['le', formatNumber(bound)])} ${counts[i]!}`,
        ),
      );
      lines.push(`${this.name}_bucket${labelText(labels, ['le', '+Inf'])} ${count}`);
      lines.push(`${this.name}_sum${labelText(labels)} ${formatNumber(sum)}`);
      lines.push(`${this.name}_count${labelText(labels)} ${count}`);
    }
    return lines;
  }
}

export class MetricsRegistry {
  readonly #metrics = new Map<string, Metric>();

  #register<M extends Metric>(metric: M): M {
    if (!NAME.test(metric.name)) throw new TypeError(`invalid metric name ${metric.name}`);
    if (this.#metrics.has(metric.name))
      throw new TypeError(`metric ${metric.name} is registered twice`);
    this.#metrics.set(metric.name, metric);
    return metric;
  }

  counter(name: string, help: string): Counter {
    return this.#register(new Counter(name, help));
  }

  gauge(name: string, help: string, collect?: () => number | Promise<number>): Gauge {
    return this.#register(new Gauge(name, help, collect));
  }

  histogram(name: string, help: string, buckets?: readonly number[]): Histogram {
    return this.#register(new Histogram(name, help, buckets));
  }

  async render(): Promise<string> {
    const lines: string[] = [];
    for (const metric of this.#metrics.values()) lines.push(...(await metric.render()));
    return `${lines.join('\n')}\n`;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: MetricsRegistry;
  }
}

export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Decorates `app.metrics`, times every request into `http_request_duration_seconds` (by route
 * pattern, not URL, so ids do not explode the series) and serves `GET /metrics`.
 */
export const metricsPlugin = fp(
  (
    app: FastifyInstance,
    options: { registry?: MetricsRegistry },
    done: (error?: Error) => void,
  ) => {
    const registry = options.registry ?? new MetricsRegistry();
    app.decorate('metrics', registry);
    const durations = registry.histogram(
      'http_request_duration_seconds',
      'HTTP request duration in seconds by method, route and status',
    );
    // Memory as the operating system and V8 see it: what a projection's folds cost at scale.
    registry.gauge('process_resident_memory_bytes', 'Resident set size in bytes', () =>
      process.memoryUsage.rss(),
    );
    registry.gauge(
      'nodejs_heap_used_bytes',
      'V8 heap in use in bytes',
      () => process.memoryUsage().heapUsed,
    );
    registry.gauge(
      'nodejs_heap_total_bytes',
      'V8 heap reserved in bytes',
      () => process.memoryUsage().heapTotal,
    );
    registry.gauge(
      'nodejs_external_memory_bytes',
      'Memory of C++ objects bound to JavaScript, in bytes',
      () => process.memoryUsage().external,
    );
    app.addHook('onResponse', (request, reply, next) => {
      durations.observe(reply.elapsedTime / 1000, {
        method: request.method,
        route: request.is404 ? '(unmatched)' : (request.routeOptions.url ?? '(unmatched)'),
        status: String(reply.statusCode),
      });
      next();
    });
    app.get(
      '/metrics',
      {
        config: { public: true },
        schema: {
          summary: 'Prometheus metrics (text format 0.0.4)',
          tags: ['operations'],
          security: [],
        },
      },
      async (_request, reply) => reply.type(METRICS_CONTENT_TYPE).send(await registry.render()),
    );
    done();
  },
  { name: 'kawasan-metrics' },
);
