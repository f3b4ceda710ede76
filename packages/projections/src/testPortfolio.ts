import type { MilestoneType, ProjectKind } from '@kawasan/domain';
import { logbook } from './testLogbook.js';

/**
 * A small portfolio for comparing the quick paths (rows from models, kept lists) with the views
 * they stand for: three provinces, names that tie and differ only by accents or case, targets of
 * every precision that fall due at different times, achievements, a cancelled and a paused
 * project, a project with no news for long. Returns the logbook; the caller applies its log.
 */
export function portfolio() {
  const book = logbook();
  const provinces = ['Jawa Barat', 'Bali', 'Papua'];
  const kinds: ProjectKind[] = ['plant', 'industrial_estate', 'special_economic_zone'];
  const names = ['Kawasan Timur', 'kawasan timur', 'Kawasan Timúr', 'Aceh Steel', 'Zeta Park'];
  const targets = ['12/3/2026', 'Maret 2026', 'triwulan ketiga 2026', 'semester II 2026', '2027'];
  const types: MilestoneType[] = ['masterplan', 'construction_completed', 'commercial_operation'];
  for (let p = 0; p < 24; p++) {
    const projectId = `pf-${String(p).padStart(2, '0')}`;
    const day = String((p % 27) + 1).padStart(2, '0');
    book.run(
      {
        type: 'RegisterProject',
        projectId,
        name: names[p % names.length]!,
        kind: kinds[p % kinds.length]!,
        location: { province: provinces[p % provinces.length]! },
        sectors: p % 2 === 0 ? ['nickel', 'logistics'] : ['textile'],
      },
      `2025-01-${day}T07:00:00Z`,
    );
    for (let k = 0; k < (p % 4) + 1; k++)
      book.run(
        {
          type: 'PlanMilestone',
          projectId,
          milestoneId: `m-${k}`,
          milestoneType: types[(p + k) % types.length]!,
          scope: k === 0 ? 'project' : `zone-${k}`,
          target: targets[(p + k) % targets.length]!,
        },
        `2025-02-${day}T07:00:00Z`,
      );
    if (p % 3 === 0)
      book.run(
        {
          type: 'RescheduleMilestone',
          projectId,
          milestoneId: 'm-0',
          target: '2028',
          reasonCode: 'land',
        },
        `2025-03-${day}T07:00:00Z`,
      );
    if (p % 5 === 1)
      book.run(
        { type: 'AchieveMilestone', projectId, milestoneId: 'm-0', on: `2025-04-${day}` },
        `2025-04-${day}T07:00:00Z`,
      );
    if (p === 7)
      book.run(
        { type: 'ChangeProjectStatus', projectId, to: 'cancelled', reason: 'investor left' },
        '2025-05-01T07:00:00Z',
      );
    if (p === 8)
      book.run(
        { type: 'ChangeProjectStatus', projectId, to: 'on_hold', reason: 'permit review' },
        '2025-05-01T07:00:00Z',
      );
  }
  return book;
}
