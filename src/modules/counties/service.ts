/**
 * 县摘帽 (issue 18, county part) and the centre's spot check of exited counties (issue 23
 * item 5): the public face of the counties module.
 */
export { countyVerdicts, countyWhatIf, verdictOf, ruralPopulationOf, EXIT_STATUS_LABELS, type CountyRow } from './verdicts';
export { startCountyExit, actOnCountyCase, caseView, listCountyCases, locateCountyCase, CASE_STATUS_LABELS, type CaseActor, type CountyCaseAction } from './exitCase';
export { drawRecheck, recordRecheck, recheckOverview, recheckSampleChanges, RECHECK_STATUS_LABELS } from './recheck';
export { dashboardSheets, recheckSheets } from './exports';
export { loadCountyDemo, DEMO_NOTE as COUNTY_DEMO_NOTE } from './demo';
