import t from 'tap';
import { DateTime } from 'luxon';
import { createReadModel } from './readModel.js';
import { projectRow, rowOfView } from './projectRow.js';
import { projectView } from './views.js';
import { portfolio } from './testPortfolio.js';

// Given a portfolio whose milestones fall due, go overdue and stall at different times…
const model = createReadModel();
for (const entry of portfolio().log) model.apply(entry);

t.test('a row made from the model is the row of its full view, at any instant', async (t) => {
  let compared = 0;
  const healths = new Set<string>();
  const nexts = new Set<string>();
  // …when rows are made at instants from before the first target to long after the last…
  for (
    let at = DateTime.fromISO('2025-01-15T00:00:00Z');
    at.year < 2029;
    at = at.plus({ days: 23 })
  )
    for (const m of model.projects()) {
      const row = projectRow(m, at);
      // …then each equals the row of the project's full view (what lists showed before).
      t.same(row, rowOfView(projectView(m, at)), `${m.projectId} at ${at.toISODate()}`);
      healths.add(row.health);
      nexts.add(row.nextMilestone?.milestoneId ?? 'none');
      compared++;
    }
  // The instants cover the cases that matter: every health and a varying next milestone.
  t.same([...healths].sort(), [
    'at_risk',
    'cancelled',
    'completed',
    'on_hold',
    'on_track',
    'overdue',
  ]);
  t.ok(nexts.size > 3, `next milestones seen: ${[...nexts].join(', ')}`);
  t.ok(compared > 1000);
});
