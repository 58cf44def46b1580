import type { Migration } from 'kysely';
import * as versionedTree from './2026-11-26T0800-versioned-tree.js';
import * as sessions from './2026-11-26T0900-sessions.js';
import * as summaryIndex from './2026-11-26T1000-summary-index.js';
import * as staffing from './2026-11-26T1100-staffing.js';
import * as accounts from './2026-11-26T1200-accounts.js';
import * as audit from './2026-11-26T1300-audit.js';
import * as standards from './2026-11-26T1400-standards.js';
import * as plans from './2026-11-26T1500-plans.js';
import * as passwordChange from './2026-11-26T1610-password-change.js';
import * as versionsJournal from './2026-11-26T1700-versions-journal.js';
import * as lineageShare from './2026-12-03T1400-lineage-share.js';
import * as reportLayouts from './2026-12-03T1700-report-layouts.js';
import * as versionsNoOverlap from './2026-12-03T1800-versions-no-overlap.js';
import * as standardNotes from './2026-12-03T1900-standard-notes.js';
import * as indicators from './2026-12-03T2000-indicators.js';

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '2026-11-26T0800-versioned-tree': versionedTree,
  '2026-11-26T0900-sessions': sessions,
  '2026-11-26T1000-summary-index': summaryIndex,
  '2026-11-26T1100-staffing': staffing,
  '2026-11-26T1200-accounts': accounts,
  '2026-11-26T1300-audit': audit,
  '2026-11-26T1400-standards': standards,
  '2026-11-26T1500-plans': plans,
  '2026-11-26T1610-password-change': passwordChange,
  '2026-11-26T1700-versions-journal': versionsJournal,
  '2026-12-03T1400-lineage-share': lineageShare,
  '2026-12-03T1700-report-layouts': reportLayouts,
  '2026-12-03T1800-versions-no-overlap': versionsNoOverlap,
  '2026-12-03T1900-standard-notes': standardNotes,
  '2026-12-03T2000-indicators': indicators,
};
