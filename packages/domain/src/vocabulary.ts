/** The product's stable codes with their English and Indonesian labels (domain.md). */
export interface Label {
  readonly en: string;
  readonly id: string;
}

export const projectKinds = [
  'industrial_estate',
  'special_economic_zone',
  'plant',
  'cooperation',
] as const;
export type ProjectKind = (typeof projectKinds)[number];
export const projectKindLabels: Readonly<Record<ProjectKind, Label>> = {
  industrial_estate: { en: 'Industrial estate', id: 'Kawasan Industri (KI)' },
  special_economic_zone: { en: 'Special economic zone', id: 'Kawasan Ekonomi Khusus (KEK)' },
  plant: { en: 'Plant / investment', id: 'Pabrik / investasi' },
  cooperation: { en: 'Regional cooperation', id: 'Kerja sama daerah' },
};

/** Ordered: a project's stage is the highest stage of its achieved milestones. */
export const stages = [
  'idea',
  'exploration',
  'agreement',
  'preparation',
  'licensing',
  'construction',
  'operation',
] as const;
export type Stage = (typeof stages)[number];
export const stageLabels: Readonly<Record<Stage, Label>> = {
  idea: { en: 'Idea', id: 'Gagasan' },
  exploration: { en: 'Exploration', id: 'Penjajakan' },
  agreement: { en: 'Agreement', id: 'Kesepakatan' },
  preparation: { en: 'Preparation', id: 'Penyiapan' },
  licensing: { en: 'Designation & licensing', id: 'Penetapan & perizinan' },
  construction: { en: 'Construction', id: 'Konstruksi' },
  operation: { en: 'Operation', id: 'Operasi' },
};
export const stageRank = (stage: Stage): number => stages.indexOf(stage);

interface MilestoneTypeInfo {
  readonly stage: Stage;
  readonly label: Label;
}

export const milestoneTypeInfo = {
  exploration_meeting: {
    stage: 'exploration',
    label: { en: 'Exploration meeting', id: 'Pertemuan penjajakan' },
  },
  loi_signed: {
    stage: 'agreement',
    label: { en: 'Letter of intent (LoI) signed', id: 'Pernyataan kehendak (LoI)' },
  },
  mou_signed: { stage: 'agreement', label: { en: 'MoU signed', id: 'Nota Kesepahaman (MoU)' } },
  moa_signed: {
    stage: 'agreement',
    label: { en: 'Cooperation agreement (MoA) signed', id: 'Perjanjian Kerja Sama (MoA)' },
  },
  national_plan_listed: {
    stage: 'preparation',
    label: { en: 'Listed in national plan (RPJMN/PSN)', id: 'Masuk RPJMN/PSN' },
  },
  feasibility_study: {
    stage: 'preparation',
    label: { en: 'Feasibility study', id: 'Studi kelayakan' },
  },
  spatial_conformity: {
    stage: 'preparation',
    label: { en: 'Spatial conformity (KKPR)', id: 'KKPR (kesesuaian tata ruang)' },
  },
  land_designated: {
    stage: 'preparation',
    label: { en: 'Land designated', id: 'Penetapan lahan' },
  },
  land_controlled: {
    stage: 'preparation',
    label: { en: 'Land controlled', id: 'Penguasaan lahan' },
  },
  env_approval: {
    stage: 'preparation',
    label: { en: 'Environmental approval (AMDAL)', id: 'Persetujuan lingkungan (AMDAL)' },
  },
  masterplan: {
    stage: 'preparation',
    label: { en: 'Masterplan', id: 'Rencana induk (masterplan)' },
  },
  operator_designated: {
    stage: 'licensing',
    label: { en: 'Operator designated', id: 'Penetapan pengelola' },
  },
  kek_proposed: { stage: 'licensing', label: { en: 'SEZ (KEK) proposed', id: 'Pengusulan KEK' } },
  kek_designated: {
    stage: 'licensing',
    label: { en: 'SEZ (KEK) designated by regulation', id: 'Penetapan KEK (PP)' },
  },
  estate_license: {
    stage: 'licensing',
    label: {
      en: 'Industrial estate business licence',
      id: 'Perizinan berusaha kawasan industri',
    },
  },
  tenant_land_agreement: {
    stage: 'licensing',
    label: {
      en: 'Tenant land agreement (PPTI)',
      id: 'Perjanjian pemanfaatan tanah industri (PPTI)',
    },
  },
  groundbreaking: {
    stage: 'construction',
    label: { en: 'Groundbreaking', id: 'Peletakan batu pertama' },
  },
  construction_completed: {
    stage: 'construction',
    label: { en: 'Construction completed', id: 'Konstruksi rampung' },
  },
  commissioning: { stage: 'operation', label: { en: 'Commissioning', id: 'Komisioning' } },
  commercial_operation: {
    stage: 'operation',
    label: { en: 'Commercial operation', id: 'Beroperasi komersial' },
  },
} as const satisfies Record<string, MilestoneTypeInfo>;

export type KnownMilestoneType = keyof typeof milestoneTypeInfo;
/** `other` carries a free title and an explicit stage. */
export type MilestoneType = KnownMilestoneType | 'other';
export const knownMilestoneTypes = Object.keys(milestoneTypeInfo) as KnownMilestoneType[];
export const milestoneTypes = [...knownMilestoneTypes, 'other'] as unknown as [
  MilestoneType,
  ...MilestoneType[],
];
export const otherMilestoneLabel: Label = { en: 'Other', id: 'Lainnya' };

export function milestoneTypeLabel(type: MilestoneType): Label {
  return type === 'other' ? otherMilestoneLabel : milestoneTypeInfo[type].label;
}

export const milestonePhases = ['start', 'complete', 'point'] as const;
export type MilestonePhase = (typeof milestonePhases)[number];
export const milestonePhaseLabels: Readonly<Record<MilestonePhase, Label>> = {
  start: { en: 'start', id: 'mulai' },
  complete: { en: 'completion', id: 'selesai' },
  point: { en: '', id: '' },
};

export const milestoneStatuses = ['planned', 'in_progress', 'achieved', 'cancelled'] as const;
export type MilestoneStatus = (typeof milestoneStatuses)[number];

export const reasonCodes = [
  'permit',
  'land',
  'financing',
  'force_majeure',
  'political',
  'scope',
  'unstated',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];
export const reasonCodeLabels: Readonly<Record<ReasonCode, Label>> = {
  permit: { en: 'Permits', id: 'Perizinan' },
  land: { en: 'Land', id: 'Lahan' },
  financing: { en: 'Financing', id: 'Pendanaan' },
  force_majeure: { en: 'Force majeure', id: 'Keadaan kahar' },
  political: { en: 'Political', id: 'Politik' },
  scope: { en: 'Scope change', id: 'Perubahan lingkup' },
  unstated: { en: 'Not stated', id: 'Tidak disebutkan' },
};

export const projectStatuses = ['active', 'on_hold', 'cancelled'] as const;
export type ProjectStatus = (typeof projectStatuses)[number];
export const projectStatusLabels: Readonly<Record<ProjectStatus, Label>> = {
  active: { en: 'Active', id: 'Aktif' },
  on_hold: { en: 'On hold', id: 'Ditunda' },
  cancelled: { en: 'Cancelled', id: 'Dibatalkan' },
};

export const healthStates = [
  'cancelled',
  'on_hold',
  'completed',
  'overdue',
  'at_risk',
  'on_track',
] as const;
export type Health = (typeof healthStates)[number];
export const healthLabels: Readonly<Record<Health, Label>> = {
  cancelled: { en: 'Cancelled', id: 'Dibatalkan' },
  on_hold: { en: 'On hold', id: 'Ditunda' },
  completed: { en: 'Completed', id: 'Selesai' },
  overdue: { en: 'Overdue', id: 'Terlambat' },
  at_risk: { en: 'At risk', id: 'Berisiko' },
  on_track: { en: 'On track', id: 'Sesuai rencana' },
};

export const dueStates = ['overdue', 'due_soon', 'not_due', 'undated'] as const;
export type DueState = (typeof dueStates)[number];

export const partyRoles = ['government', 'investor', 'developer', 'operator', 'partner'] as const;
export type PartyRole = (typeof partyRoles)[number];

export const investmentKinds = ['committed', 'realised', 'target'] as const;
export type InvestmentKind = (typeof investmentKinds)[number];
export const jobsKinds = ['projected', 'actual'] as const;
export const jobsComparators = ['=', '>', '~'] as const;
export const areaScopes = ['plot', 'allocated', 'controlled'] as const;
