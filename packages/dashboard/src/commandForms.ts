/** The manager's forms: each maps its fields onto one command of api.md. */
import type { MilestoneView } from '@kawasan/projections';
import type { Api, CommandReply } from './api.js';
import { openForm, present, sourceFields, sourcesOf, type FieldSpec } from './formDialog.js';
import { kindLabel, pick, reasonCodeLabel, t, tc, typeLabel, vocab, zoneName } from './i18n.js';
import { milestoneName } from './timeline.js';

type Done = (reply: CommandReply) => void;
const enc = encodeURIComponent;

const choices = (codes: readonly string[], label: (code: string) => string) =>
  codes.map((value) => ({ value, label: label(value) }));

export function registerProjectForm(api: Api, done: Done): void {
  const v = vocab();
  openForm(api, {
    title: t('registerProject'),
    fields: [
      { name: 'name', label: 'f_name', required: true },
      { name: 'projectId', label: 'f_projectId', hint: 'e.g. ki-belitung' },
      {
        name: 'kind',
        label: 'kind',
        kind: 'select',
        options: choices(Object.keys(v.kinds), kindLabel),
      },
      {
        name: 'location.province',
        label: 'province',
        kind: 'select',
        options: v.provinces.map((p) => ({
          value: p.name,
          label: `${p.name} (${zoneName(p.timeZone)})`,
        })),
      },
      { name: 'location.regency', label: 'f_regency' },
      { name: 'location.city', label: 'f_city' },
      { name: 'sectors', label: 'f_sectors' },
      ...sourceFields,
    ],
    send: (f) =>
      api.command('POST', '/projects', {
        ...present(f, 'projectId', 'name', 'kind'),
        location: {
          province: f['location.province'],
          ...present(f, 'location.regency', 'location.city'),
        },
        ...(f['sectors'] && {
          sectors: f['sectors']
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        }),
        ...sourcesOf(f),
      }),
    done,
  });
}

export function planMilestoneForm(api: Api, projectId: string, zone: string, done: Done): void {
  const v = vocab();
  openForm(api, {
    title: t('planMilestone'),
    zone,
    fields: [
      {
        name: 'type',
        label: 'f_type',
        kind: 'select',
        options: choices(Object.keys(v.milestoneTypes), typeLabel),
      },
      { name: 'title', label: 'f_title' },
      {
        name: 'stage',
        label: 'stage',
        kind: 'select',
        options: choices(Object.keys(v.stages), (c) => pick(v.stages[c])),
        when: ['type', 'other'],
      },
      {
        name: 'phase',
        label: 'f_phase',
        kind: 'select',
        value: 'point',
        options: Object.entries(v.phases).map(([value, l]) => ({ value, label: pick(l) || '–' })),
      },
      { name: 'target', label: 'f_target', kind: 'date' },
      { name: 'achievedOn', label: 'f_achievedOn', kind: 'date' },
      { name: 'milestoneId', label: 'f_milestoneId' },
      { name: 'scope', label: 'f_scope' },
      ...sourceFields,
    ],
    send: (f) =>
      api.command('POST', `/projects/${enc(projectId)}/milestones`, {
        ...present(
          f,
          'type',
          'title',
          'stage',
          'phase',
          'target',
          'achievedOn',
          'milestoneId',
          'scope',
        ),
        ...sourcesOf(f),
      }),
    done,
  });
}

const zoneChoices = (zone: string) => {
  const zones = Object.keys(vocab().zones);
  return [zone, ...zones.filter((z) => z !== zone)].map((value) => ({
    value,
    label: `${zoneName(value)} (${value})`,
  }));
};

export function achieveForm(
  api: Api,
  projectId: string,
  zone: string,
  m: MilestoneView,
  done: Done,
): void {
  openForm(api, {
    title: `${t('achieve')}: ${milestoneName(m)}`,
    zone,
    fields: [
      { name: 'on', label: 'f_on', kind: 'date', required: true },
      {
        name: 'venueTimeZone',
        label: 'f_venueTimeZone',
        kind: 'select',
        options: zoneChoices(zone),
      },
      ...sourceFields,
    ],
    send: (f) =>
      api.command('POST', `/projects/${enc(projectId)}/milestones/${enc(m.milestoneId)}/achieve`, {
        on: f['on'],
        // The venue's zone only when it differs from the project's (the default).
        ...(f['venueTimeZone'] &&
          f['venueTimeZone'] !== zone && { venueTimeZone: f['venueTimeZone'] }),
        ...sourcesOf(f),
      }),
    done,
  });
}

export function rescheduleForm(
  api: Api,
  projectId: string,
  zone: string,
  m: MilestoneView,
  done: Done,
): void {
  openForm(api, {
    title: `${t('reschedule')}: ${milestoneName(m)}`,
    zone,
    fields: [
      { name: 'target', label: 'f_target', kind: 'date', required: true },
      {
        name: 'reasonCode',
        label: 'f_reasonCode',
        kind: 'select',
        value: 'unstated',
        options: choices(Object.keys(vocab().reasonCodes), reasonCodeLabel),
      },
      { name: 'reason', label: 'f_reasonOptional', kind: 'textarea' },
      ...sourceFields,
    ],
    send: (f) =>
      api.command(
        'POST',
        `/projects/${enc(projectId)}/milestones/${enc(m.milestoneId)}/reschedule`,
        {
          ...present(f, 'target', 'reasonCode', 'reason'),
          ...sourcesOf(f),
        },
      ),
    done,
  });
}

export function cancelForm(api: Api, projectId: string, m: MilestoneView, done: Done): void {
  openForm(api, {
    title: `${t('cancelMilestone')}: ${milestoneName(m)}`,
    fields: [
      { name: 'reason', label: 'f_reason', kind: 'textarea', required: true },
      ...sourceFields,
    ],
    send: (f) =>
      api.command('POST', `/projects/${enc(projectId)}/milestones/${enc(m.milestoneId)}/cancel`, {
        reason: f['reason'],
        ...sourcesOf(f),
      }),
    done,
  });
}

export function stateFactForm(api: Api, projectId: string, done: Done): void {
  const v = vocab();
  const inv: [string, string] = ['fact', 'investment'];
  const jobs: [string, string] = ['fact', 'jobs'];
  const area: [string, string] = ['fact', 'area'];
  const fields: FieldSpec[] = [
    {
      name: 'fact',
      label: 'f_fact',
      kind: 'select',
      options: [
        { value: 'investment', label: t('investmentFact') },
        { value: 'jobs', label: t('jobsFact') },
        { value: 'area', label: t('areaFact') },
      ],
    },
    {
      name: 'kind',
      label: 'f_factKind',
      kind: 'select',
      options: choices(v.investmentKinds, (c) => tc('inv', c)),
      when: inv,
    },
    { name: 'amount', label: 'f_amount', when: inv },
    { name: 'low', label: 'f_low', when: inv },
    { name: 'high', label: 'f_high', when: inv },
    { name: 'currency', label: 'f_currency', value: 'IDR', when: inv },
    {
      name: 'jobsKind',
      label: 'f_factKind',
      kind: 'select',
      options: choices(v.jobsKinds, (c) => tc('jobs', c)),
      when: jobs,
    },
    { name: 'count', label: 'f_count', when: jobs },
    {
      name: 'comparator',
      label: 'f_comparator',
      kind: 'select',
      options: choices(v.jobsComparators, (c) => c),
      when: jobs,
    },
    { name: 'hectares', label: 'f_hectares', when: area },
    {
      name: 'scope',
      label: 'f_areaScope',
      kind: 'select',
      options: choices(v.areaScopes, (c) => tc('area', c)),
      when: area,
    },
    { name: 'text', label: 'f_text' },
    ...sourceFields,
  ];
  const body = (f: Record<string, string>): object => {
    switch (f['fact']) {
      case 'jobs':
        return {
          fact: 'jobs',
          kind: f['jobsKind'],
          ...(f['count'] && { count: Number(f['count']), comparator: f['comparator'] }),
          ...present(f, 'text'),
        };
      case 'area':
        return { fact: 'area', ...present(f, 'hectares', 'scope') };
      default:
        return {
          fact: 'investment',
          ...present(f, 'kind', 'amount', 'low', 'high', 'currency', 'text'),
        };
    }
  };
  openForm(api, {
    title: t('stateFact'),
    fields,
    send: (f) =>
      api.command('POST', `/projects/${enc(projectId)}/facts`, { ...body(f), ...sourcesOf(f) }),
    done,
  });
}

export function retractForm(api: Api, projectId: string, eventId: string, done: Done): void {
  openForm(api, {
    title: t('retract'),
    fields: [
      { name: 'eventId', label: 'f_eventId', value: eventId, required: true },
      { name: 'reason', label: 'f_reason', kind: 'textarea', required: true },
    ],
    send: (f) =>
      api.command('POST', `/projects/${enc(projectId)}/retractions`, {
        eventId: f['eventId'],
        reason: f['reason'],
      }),
    done,
  });
}
