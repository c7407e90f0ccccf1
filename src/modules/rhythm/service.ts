/**
 * The reporting rhythm (issue 21, POLICY §8): month snapshots of every place's figures (taken on
 * the server's schedule and on demand, kept unchanged) read by the monthly, quarterly and yearly
 * reports and the trend charts; monthly submissions (上报) with sign-off, return and the
 * late/missing list; 督查 rounds whose findings open rectifications, 通报 and 问责.
 * The module's public face: other modules, the server and the CLI import from here.
 */
export {
  takeSnapshotIn, takeSnapshotNow, takeMonthEndSnapshots, scheduleMonthEndSnapshots, monthlyTrend, periodReport, listSnapshots, snapshotDetail,
  FIGURES, FIGURE_LABELS, SNAPSHOT_KINDS, type Figures, type MonthFigures, type PeriodReport, type SnapshotHeader,
} from './snapshots';
export { submitMonth, decideMonth, reportDetail, submissionList, deadlineOf, type SubmissionInput, type DecisionInput } from './submissions';
export {
  createRound, locateRound, roundDetail, listRounds, addFinding, issueBulletin, bulletinDetail, listBulletins, recordAccountability, accountabilityLedger,
  INSPECTION_MODES, ACCOUNTABILITY_MEASURES, CAUSE_KINDS,
} from './inspections';
export { recordPresence, recordLeave, replaceMember, teamMonth, addDiary, diaryOf, locateTeamMember, WORK_TEAM_DEFAULTS } from './teams';
export { loadWorkTeamDemo } from './demo';
export { createScheme, enterScore, assessmentResults, listSchemes, ASSESSMENT_METRICS, ASSESSMENT_RULES } from './assessments';
