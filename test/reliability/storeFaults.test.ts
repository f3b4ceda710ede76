import t from 'tap';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from '../e2e/support/client.js';
import { startStack } from '../e2e/support/stack.js';

// A store fault on the embedded store: the disk full. A command answers 503 store_unavailable
// with Retry-After, writes nothing half, the process keeps serving, and writes work again once
// there is space. Uses a small tmpfs (needs root). (A read-only remount is refused by the kernel
// while the service holds the file open for writing, so it is not simulated here; read-only
// connections are covered by the SQLite adapter's own tests.)
const mountPoint = mkdtempSync(join(tmpdir(), 'kawasan-small-disk-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint]);
  mounted = true;
} catch (error) {
  t.comment(`cannot mount a tmpfs here (${String(error).split('\n')[0]})`);
}

if (!mounted) {
  t.skip('store fault tests need root to mount a small tmpfs');
} else {
  t.teardown(() => {
    try {
      execFileSync('umount', ['-l', mountPoint]);
    } catch {
      // already gone
    }
  });
  const stack = await startStack({ dataDir: mountPoint });
  t.teardown(() => stack.stop());
  const api = client(stack);
  await api.post('/projects', {
    projectId: 'full-disk',
    name: 'Full disk',
    kind: 'plant',
    location: { province: 'Bali' },
  });
  const note = 'x'.repeat(1500);
  const write = (i: number) =>
    api.post('/projects/full-disk/facts', {
      fact: 'jobs',
      kind: 'projected',
      text: `${i}`,
      sources: [{ outlet: 'o', title: note.slice(0, 500) }],
    });

  t.test(
    'disk full: 503 with Retry-After, nothing half-written, recovery after space returns',
    async (t) => {
      // Fill the file system, leaving the log where it is.
      const filler = join(mountPoint, 'filler');
      const fd = openSync(filler, 'w');
      try {
        const chunk = Buffer.alloc(64 * 1024);
        for (;;) writeSync(fd, chunk);
      } catch {
        // ENOSPC: the disk is full
      } finally {
        closeSync(fd);
      }
      const statuses: number[] = [];
      let refusal: Awaited<ReturnType<typeof write>> | undefined;
      for (let i = 0; i < 200 && refusal === undefined; i++) {
        const before = await stack.storeHead();
        const res = await write(i);
        statuses.push(res.status);
        if (res.status === 503) {
          refusal = res;
          t.equal(await stack.storeHead(), before, 'the refused command wrote nothing');
        } else t.equal(res.status, 201, 'until the disk is really full, writes succeed');
      }
      t.ok(refusal, `a write hit the full disk after ${statuses.length - 1} successful ones`);
      t.match(refusal?.body, { code: 'store_unavailable' });
      t.equal(refusal?.headers.get('retry-after'), '1');
      t.equal((await fetch(`${stack.commandUrl}/health`)).status, 200, 'the process keeps serving');
      t.equal((await api.get('/projects/full-disk')).status, 200, 'views keep serving');
      rmSync(filler);
      const again = await write(999);
      t.equal(again.status, 201, 'writes succeed again once there is space');
    },
  );
}
