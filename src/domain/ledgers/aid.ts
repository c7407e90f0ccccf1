/**
 * 应助尽助 (POLICY §9) as policy data: every registered child (poor, exited or returned) in school
 * at a stage with aid items receives at least one aid item of that stage in the school year
 * (September–August). Which items count for which stage is the version below; boarders of
 * compulsory school need 寄宿生生活补助, day pupils any item of the stage. Amounts are local data
 * (the ledger records them; no minimum is checked).
 */
export interface AidEntitlement {
  version: string;
  source: string;
  /** Household statuses whose children are checked (registered: poor, returned, exited). */
  statuses: readonly string[];
  /** Student statuses counted as "in school" for the check. */
  inSchool: readonly string[];
  /** Per stage: the items that satisfy the check; `boarder` when a boarder needs narrower ones. */
  stages: Readonly<Record<string, { items: readonly string[]; boarder?: readonly string[] }>>;
}

const COMPULSORY = ['boarding_subsidy', 'compulsory_other', 'other'];

export const AID_ENTITLEMENT: AidEntitlement = {
  version: '2016-2020-v1',
  source:
    '政策口径第九节 应助尽助（学前、义务教育寄宿生生活补助、高中、中职和高职雨露计划、高校助学金或生源地信用助学贷款）；各学段可计入的资助项目为本地默认值，待部署确认',
  statuses: ['poor', 'returned', 'exited'],
  inSchool: ['in_school'],
  stages: {
    preschool: { items: ['preschool_aid', 'other'] },
    primary: { items: COMPULSORY, boarder: ['boarding_subsidy'] },
    junior: { items: COMPULSORY, boarder: ['boarding_subsidy'] },
    senior: { items: ['senior_grant', 'tuition_waiver', 'other'] },
    vocational: { items: ['yulu', 'tuition_waiver', 'other'] },
    college: { items: ['college_grant', 'student_loan', 'yulu'] },
  },
};

/** The items that satisfy 应助尽助 for a student of `stage` (null: the stage has no aid items). */
export function entitledItems(stage: string, boarder: boolean | null, rules: AidEntitlement = AID_ENTITLEMENT): readonly string[] | null {
  const s = rules.stages[stage];
  if (!s) return null;
  return boarder && s.boarder ? s.boarder : s.items;
}

/** True when the student lacks the aid his stage is entitled to. */
export function lacksAid(student: { stage: string; boarder: boolean | null; status: string }, itemsReceived: readonly string[], rules: AidEntitlement = AID_ENTITLEMENT): boolean {
  if (!rules.inSchool.includes(student.status)) return false;
  const items = entitledItems(student.stage, student.boarder, rules);
  return items !== null && !itemsReceived.some((i) => items.includes(i));
}
