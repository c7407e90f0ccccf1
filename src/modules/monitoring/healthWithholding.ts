/**
 * The household card's withholding rule (auth/roles.ts withholdsHealthData: department
 * operators outside the health lines) applied to a household's checklist: the medical
 * criterion's chronic-card count is dropped, and every reason, missing fact, risk reason and
 * suggestion that speaks of an illness, a chronic card or a disability becomes "（不可见）"; a
 * member's 慢病卡 fact source is left out.
 * Statuses (达标/不达标) stay: they name no condition.
 */
/** As on the card and in exports. */
export const HEALTH_WITHHELD = '（不可见）';

const HEALTH_WORDS = /残疾|慢病|慢性病|大病|重病|疾病|患病|健康状况/;

interface Checklist {
  criteria: { criterion: string; values: Record<string, unknown>; reason: string; missing: string[] }[];
  risk: { reasons: { text: string }[]; missing: string[] };
  suggestion: { reason: string } | null;
  sources?: { criterion: string; fact: string }[];
}

const hide = (text: string) => (HEALTH_WORDS.test(text) ? HEALTH_WITHHELD : text);

export function withholdHealthInChecklist<T extends Checklist>(checklist: T): T {
  return {
    ...checklist,
    criteria: checklist.criteria.map((c) => {
      const { chronicCard: _withheld, ...values } = c.values;
      return { ...c, values: c.criterion === 'medical' ? values : c.values, reason: hide(c.reason), missing: c.missing.map(hide) };
    }),
    risk: { ...checklist.risk, reasons: checklist.risk.reasons.map((r) => ({ ...r, text: hide(r.text) })), missing: checklist.risk.missing.map(hide) },
    suggestion: checklist.suggestion && { ...checklist.suggestion, reason: hide(checklist.suggestion.reason) },
    // A member's 慢病卡 fact (卫健's ledger or the registry) is left out; 签约 and 参保 name no condition; any other fact naming an illness is hidden.
    sources: checklist.sources?.filter((x) => !(x.criterion === 'medical' && /慢病卡/.test(x.fact))).map((x) => (x.criterion === 'medical' ? x : { ...x, fact: hide(x.fact) })),
  };
}

/** Risk types that are themselves a health fact (an illness, a disability). */
const HEALTH_RISK_TYPES = new Set(['illness', 'disability']);

/**
 * A household's risk events for a line that may not see health data: events of an illness or a
 * disability are left out (their type, date and cost would tell it), and a note of another
 * event that speaks of one becomes "（不可见）".
 */
export function withholdHealthInRiskEvents<T extends { type: string; note: string | null }>(events: T[]): T[] {
  return events.filter((e) => !HEALTH_RISK_TYPES.has(e.type)).map((e) => ({ ...e, note: e.note === null ? null : hide(e.note) }));
}
