/** The procedures module's use cases, for other modules and the CLI. */
export { startProcedure, MONITORING_SOURCES, type StartInput } from './start';
export { actOnCases, listCasePage, getCase, caseCounts } from './cases';
export { publishNotice, registerObjection, resolveObjection, getNotice, listNoticeViews } from './notices';
export { drawSpotCheck, getDraw } from './spotChecks';
export { storeEvidence, checkEvidenceFile, evidenceFor } from './evidence';
export { policyPlan } from './policyPlan';
export { inProgressExits, completedExitsByMonth } from './progressQueries';
export type { Author } from './act';
export type { Caller } from './reach';
