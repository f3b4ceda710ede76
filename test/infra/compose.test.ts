import t from 'tap';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseConfig, eventStoreConfig } from '@kawasan/http';

// The compose file cannot run here (no Docker engine); this pins its structure instead.
const file = new URL('../../infra/compose.yaml', import.meta.url);
const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      image?: string;
      environment?: Record<string, unknown>;
      command?: string[];
      depends_on?: Record<string, unknown>;
      build?: { dockerfile: string };
    }
  >;
};
const esdbNodes = Object.entries(compose.services).filter(([, s]) =>
  s.image?.startsWith('eventstore/eventstore'),
);

t.test('a three-node EventStoreDB cluster that gossips', async (t) => {
  t.equal(esdbNodes.length, 3);
  for (const [name, node] of esdbNodes) {
    t.equal(node.environment?.EVENTSTORE_CLUSTER_SIZE, 3, `${name}: cluster size`);
    t.equal(node.environment?.EVENTSTORE_NODE_IP, name, `${name}: advertises its own name`);
    t.same(
      String(node.environment?.EVENTSTORE_GOSSIP_SEED).split(',').sort(),
      esdbNodes.map(([n]) => `${n}:2113`).sort(),
    );
  }
});

t.test('both services on the cluster through discovery', async (t) => {
  for (const name of ['command-service', 'projection-service']) {
    const service = compose.services[name]!;
    t.ok(service, name);
    t.equal(service.build?.dockerfile, 'infra/Dockerfile');
    t.match(service.command?.join(' '), `services/${name}/dist/main.js`);
    t.same(
      Object.keys(service.depends_on ?? {}).sort(),
      esdbNodes.map(([n]) => n).sort(),
      `${name} waits for every node`,
    );
    const env = Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([k, v]) => [k, String(v)]),
    );
    t.match(env.EVENTSTORE_CONNECTION_STRING, /^esdb\+discover:\/\//);
    // The services' own configuration accepts what the compose file gives them.
    const config = parseConfig({ ...env, DATA_DIR: '/data' });
    t.same(eventStoreConfig(config), {
      kind: 'esdb',
      connectionString: env.EVENTSTORE_CONNECTION_STRING,
    });
  }
});
