import type { FastifyReply } from 'fastify';

/**
 * Server-Sent Events clients of `GET /updates`. Each change is one `event: project` message;
 * a comment every few seconds keeps proxies from closing idle streams.
 */
export class UpdatesHub {
  private readonly clients = new Set<FastifyReply>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    readonly maxClients: number,
    heartbeatMs = 15_000,
  ) {
    this.heartbeat = setInterval(() => this.write(': keep-alive\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  get size(): number {
    return this.clients.size;
  }

  add(reply: FastifyReply, position: bigint): void {
    this.clients.add(reply);
    reply.raw.on('close', () => this.clients.delete(reply));
    reply.raw.write(
      `retry: 2000\nevent: ready\ndata: ${JSON.stringify({ position: position.toString() })}\n\n`,
    );
  }

  publish(projectId: string, position: bigint): void {
    // Every folded event is published, replays included: nothing to format when no one listens.
    if (this.clients.size === 0) return;
    this.write(
      `event: project\nid: ${position}\ndata: ${JSON.stringify({ projectId, position: position.toString() })}\n\n`,
    );
  }

  private write(chunk: string): void {
    for (const client of this.clients) client.raw.write(chunk);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.raw.end();
    this.clients.clear();
  }
}
