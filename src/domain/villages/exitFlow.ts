/**
 * The village exit procedure (贫困村出列, POLICY.md §7; issue 18): 村申请 → 乡镇初审 → 县审定 →
 * 公示 → 公告, on the workflow engine (domain/workflow/engine.ts). Starting it is the village's
 * application (村申请, by the village or township operator); the notice period is the policy's
 * exitPublicNoticeDays, objections hold the case at the notice as for households.
 */
import type { ProcedurePlan } from '../workflow/plan';

export const VILLAGE_EXIT_STARTERS = ['village_operator', 'township_operator'];

export function villageExitPlan(noticeDays: number): ProcedurePlan {
  return {
    procedure: 'exit',
    label: '贫困村出列',
    outcomes: {},
    starters: VILLAGE_EXIT_STARTERS,
    steps: [
      { code: 'township_review', label: '乡镇初审', kind: 'review', roles: ['township_operator'], evidence: [], returnTo: 0, noticeDays: null, sampleShare: null },
      { code: 'county_review', label: '县审定', kind: 'review', roles: ['county_operator'], evidence: [], returnTo: 0, noticeDays: null, sampleShare: null },
      { code: 'public_notice', label: '公示', kind: 'notice', roles: ['county_operator'], evidence: [], returnTo: 1, noticeDays, sampleShare: null },
      { code: 'announcement', label: '公告出列', kind: 'decision', roles: ['county_operator'], evidence: [], returnTo: 1, noticeDays: null, sampleShare: null },
    ],
  };
}
