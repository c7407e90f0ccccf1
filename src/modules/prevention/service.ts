/** 防止返贫致贫 (issue 25): who is monitored under each province's range and 口径, what-if of a draft, the legal clock on monitoring-entry cases. */
export { screenHouseholds, preventionWhatIf, preventionOf, type ScreeningResult, type PreventionWhatIf } from './screening';
export { listCaseClocks, getCaseClock, locateEntryCase, startUrgentMeasure, URGENT_CAUSES, type CaseClockView } from './clocks';
export { getHouseholdCosts, setHouseholdCosts } from './costs';
export { screeningSheets, clockSheets } from './exports';
