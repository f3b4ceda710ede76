import t from 'tap';
import { MetricsRegistry } from './metrics.js';

t.test('counters, gauges and histograms in Prometheus text format', async (t) => {
  const registry = new MetricsRegistry();
  const appends = registry.counter('command_appends_total', 'Appends by command');
  appends.inc({ command: 'PlanMilestone' });
  appends.inc({ command: 'PlanMilestone' }, 2);
  appends.inc({ command: 'Quote"d\\\nname' });
  t.equal(appends.value({ command: 'PlanMilestone' }), 3);
  t.equal(appends.value({ command: 'never' }), 0);
  t.throws(() => appends.inc({}, -1), RangeError);

  const position = registry.gauge('projection_position', 'Last folded position');
  position.set(42);
  let lag = 7;
  registry.gauge('projection_lag_events', 'Events not yet folded\nsecond line', () => lag);
  const durations = registry.histogram('command_duration_seconds', 'Command time', [0.1, 0.01, 1]);
  durations.observe(0.005, { command: 'X' });
  durations.observe(0.5, { command: 'X' });
  durations.observe(Infinity, { command: 'X' });

  const text = await registry.render();
  t.equal(
    text,
    [
      '# HELP command_appends_total Appends by command',
      '# TYPE command_appends_total counter',
      'command_appends_total{command="PlanMilestone"} 3',
      'command_appends_total{command="Quote\\"d\\\\\\nname"} 1',
      '# HELP projection_position Last folded position',
      '# TYPE projection_position gauge',
      'projection_position 42',
      '# HELP projection_lag_events Events not yet folded\\nsecond line',
      '# TYPE projection_lag_events gauge',
      'projection_lag_events 7',
      '# HELP command_duration_seconds Command time',
      '# TYPE command_duration_seconds histogram',
      'command_duration_seconds_bucket{command="X",le="0.01"} 1',
      'command_duration_seconds_bucket{command="X",le="0.1"} 1',
      'command_duration_seconds_bucket{command="X",le="1"} 2',
      'command_duration_seconds_bucket{command="X",le="+Inf"} 3',
      'command_duration_seconds_sum{command="X"} +Inf',
      'command_duration_seconds_count{command="X"} 3',
      '',
    ].join('\n'),
  );
  lag = 0;
  t.match(await registry.render(), /^projection_lag_events 0$/m, 'collected at scrape time');
  position.set(NaN);
  t.match(await registry.render(), /^projection_position NaN$/m);
  position.set(-Infinity);
  t.match(await registry.render(), /^projection_position -Inf$/m);
});

t.test('names are checked and unique', async (t) => {
  const registry = new MetricsRegistry();
  registry.counter('a_total', 'a');
  t.throws(() => registry.gauge('a_total', 'again'), /registered twice/);
  t.throws(() => registry.counter('bad name', 'x'), /invalid metric name/);
  t.equal(await new MetricsRegistry().render(), '\n');
});
