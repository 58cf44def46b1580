import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Columns as stored: dates are `YYYY-MM-DD` text, JSON payloads are text. */
export interface UnitsTable {
  id: Generated<number>;
  created_at: string;
}

export interface DecisionsTable {
  id: Generated<number>;
  number: string;
  issuer: string | null;
  signed_on: string | null;
  title: string | null;
}

export interface ChangesTable {
  id: Generated<number>;
  type: string;
  effective_on: string;
  decision_id: number;
  payload: string;
  note: string | null;
  recorded_at: string;
  recorded_by: string;
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
}

export interface VersionsTable {
  id: Generated<number>;
  unit_id: number;
  valid_from: string;
  valid_to: string | null;
  name: string;
  /** The name without diacritics, lower case (domain/search.ts foldName), for searching. */
  search_name: string;
  code: string | null;
  kind: string;
  subtype: string;
  parent_id: number | null;
  area_km2: number | null;
  population: number | null;
  households: number | null;
  sector: string | null;
}

/** Filled by triggers: the unit of every version inserted or deleted, in order (migration T1700). */
export interface VersionsJournalTable {
  seq: Generated<number>;
  unit_id: number;
}

export interface ChangeUnitsTable {
  change_id: number;
  unit_id: number;
  role: 'v' | 'c' | 'p' | 'k';
}

export interface LineageTable {
  change_id: number;
  from_unit_id: number;
  to_unit_id: number;
  /** 'whole' or 'part' (ColumnType: the database fills 'whole' when left out). */
  share: ColumnType<'whole' | 'part', 'whole' | 'part' | undefined, never>;
}

export interface SessionsTable {
  sid: string;
  expires_at: number;
  data: string;
}

export interface StaffQuotasTable {
  id: Generated<number>;
  unit_id: number;
  category: string;
  effective_on: string;
  quota: number;
  decision: string;
  change_id: number | null;
  recorded_at: string;
}

export interface StaffMovementsTable {
  id: Generated<number>;
  unit_id: number;
  category: string;
  moved_on: string;
  delta: number;
  reason: string;
  decision: string | null;
  note: string | null;
  change_id: number | null;
  recorded_at: string;
  /** 1 when the movement moved a leader (chức vụ lãnh đạo, quản lý). */
  leader: Generated<number>;
  /** luan_chuyen (luân chuyển) or dieu_dong (điều động); null for any other movement. */
  transfer_kind: string | null;
}

export interface TargetsTable {
  id: Generated<number>;
  name: string;
  metric: string;
  kind: string | null;
  subtype: string | null;
  /** Staff categories, comma-separated; null = every category. */
  categories: string | null;
  scope_unit_id: number;
  baseline_on: string;
  deadline_on: string;
  goal: string;
  goal_value: number;
  legal_source: string;
  /** JSON: [{ "on": "YYYY-MM-DD", "value": n }]. */
  milestones: string;
  retired_at: string | null;
  /** The reported indicator measured when `metric` is 'indicator'. */
  indicator_id: number | null;
}

export interface IndicatorsTable {
  id: Generated<number>;
  name_vi: string;
  name_en: string;
  unit_vi: string;
  unit_en: string;
  scope_unit_id: number;
  source: string;
  /** 1 when values are reported per level (province, district, commune) and the figure is their sum. */
  by_level: Generated<number>;
  /** What else counts it: 'leader_rotations' (staff movements), or null. */
  counted_from: string | null;
  created_at: string;
  retired_at: string | null;
}

export interface IndicatorValuesTable {
  id: Generated<number>;
  indicator_id: number;
  value_on: string;
  level: string | null;
  value: number;
  /** The start of the period the figure covers ("since the start of the term"), when it says. */
  since_on: string | null;
  source: string;
  note: string | null;
  /** 1 for a value made up for the demo. */
  illustrative: Generated<number>;
  recorded_at: string;
  recorded_by: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  /** `scrypt$N$r$p$salt$hash` (base64). */
  password_hash: string;
  role: 'administrator' | 'editor' | 'viewer';
  scope_unit_id: number | null;
  disabled_at: string | null;
  created_at: string;
  /** 1: the password was chosen by someone else; its owner must replace it at the next sign-in. */
  must_change_password: Generated<number>;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  /** SHA-256 of the token, hex; the token itself is shown once and never stored. */
  token_hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  username: string;
  address: string;
  at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  username: string;
  address: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  /** JSON summaries of the entity before and after the write. */
  before: string | null;
  after: string | null;
}

export interface PlansTable {
  id: Generated<number>;
  name: string;
  scope_unit_id: number;
  base_on: string;
  author: string;
  description: string | null;
  /** draft, submitted, approved, rejected, enacted. */
  status: string;
  enacted_on: string | null;
  decision_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface PlanProposalsTable {
  id: Generated<number>;
  plan_id: number;
  position: number;
  type: string;
  /** JSON: the change request as the change form built it, without date and decision. */
  request: string;
  /** JSON: the form's fields as typed, to show the form again. */
  form: string;
  change_id: number | null;
}

export interface PlanTransitionsTable {
  id: Generated<number>;
  plan_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  by: string;
  at: string;
  comment: string | null;
}

export interface StandardsTable {
  id: Generated<number>;
  kind: string;
  subtype: string;
  /** mountainous, other (= not mountainous), northern_midlands_mountains, border. */
  region: string;
  area_km2: number | null;
  population: number | null;
  households: number | null;
  source: string;
  valid_from: string;
  valid_to: string | null;
  note: string | null;
}

export interface MergerRulesTable {
  id: Generated<number>;
  key: string;
  name: string;
  kind: string;
  subtype: string | null;
  region: string | null;
  /** JSON: [{ "area": 70, "population": 70 }, …], thresholds in percent of the standard. */
  clauses: string;
  source: string;
  valid_from: string;
  valid_to: string | null;
  note: string | null;
}

export interface UnitRegionsTable {
  unit_id: number;
  region: string;
}

/** A report's administrative layout per scope (migration 2026-12-03T1700); null fields take the report's defaults. */
export interface ReportLayoutsTable {
  scope: string;
  parent_office: string | null;
  office: string | null;
  number: string | null;
  place: string | null;
  /** `YYYY-MM-DD`, or null: the date is written by hand when signing. */
  signed_on: string | null;
  doc_type: string | null;
  subject: string | null;
  /** One recipient a line. */
  recipients: string | null;
  signer_authority: string | null;
  signer_title: string | null;
  signer_name: string | null;
  updated_at: string;
  updated_by: string;
}

export interface Database {
  units: UnitsTable;
  decisions: DecisionsTable;
  changes: ChangesTable;
  versions: VersionsTable;
  versions_journal: VersionsJournalTable;
  change_units: ChangeUnitsTable;
  lineage: LineageTable;
  sessions: SessionsTable;
  staff_quotas: StaffQuotasTable;
  staff_movements: StaffMovementsTable;
  targets: TargetsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  login_failures: LoginFailuresTable;
  audit_log: AuditLogTable;
  plans: PlansTable;
  plan_proposals: PlanProposalsTable;
  plan_transitions: PlanTransitionsTable;
  standards: StandardsTable;
  merger_rules: MergerRulesTable;
  unit_regions: UnitRegionsTable;
  report_layouts: ReportLayoutsTable;
  indicators: IndicatorsTable;
  indicator_values: IndicatorValuesTable;
}

export type VersionRow = Selectable<VersionsTable>;
export type NewVersionRow = Insertable<VersionsTable>;
export type ChangeRow = Selectable<ChangesTable>;
export type DecisionRow = Selectable<DecisionsTable>;
