/**
 * The benches' reference: a bare fastify answering the same requests as the services, with the
 * same zod validation of the POST body and the same bodies (GETs send bytes made once), storing
 * nothing. It runs in
 * its own process, as the services do, so it gets a thread to itself rather than sharing the
 * load generator's.
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { stateFactBody } from '@kawasan/domain';

export interface BareBodies {
  /** What GET /projects/{id} answers. */
  project: unknown;
  /** What GET /projects answers. */
  list: unknown;
}

export interface BareServer {
  url: string;
  pid: number;
  close(): Promise<void>;
}

export async function listenBare(bodies: BareBodies): Promise<string> {
  const app = Fastify({ logger: false });
  app.post('/projects/:projectId/facts', async (request, reply) => {
    stateFactBody.parse(request.body);
    return reply.code(201).send({
      projectId: (request.params as { projectId: string }).projectId,
      revision: '1',
      position: '1',
      eventIds: [],
    });
  });
  // The bodies as bytes made once, the least any server can do to send them (the projection
  // keeps its views' bytes too): serialising 10 kB on every request would flatter the service.
  const project = Buffer.from(JSON.stringify(bodies.project));
  const list = Buffer.from(JSON.stringify(bodies.list));
  const json = 'application/json; charset=utf-8';
  app.get('/projects/:projectId', async (_request, reply) => reply.type(json).send(project));
  app.get('/projects', async (_request, reply) => reply.type(json).send(list));
  return app.listen({ port: 0, host: '127.0.0.1' });
}

/** Starts the bare server as a child process answering with `bodies`. */
export function startBareServer(bodies: BareBodies): Promise<BareServer> {
  const here = dirname(fileURLToPath(import.meta.url));
  const child = fork(join(here, 'bareServerProcess.js'), [], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bare server exited with ${code}`)));
    child.once('message', (message: { url: string }) => {
      child.removeAllListeners('exit');
      resolve({
        url: message.url,
        pid: child.pid!,
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.send(bodies);
  });
}
