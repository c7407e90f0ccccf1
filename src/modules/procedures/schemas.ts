/** Inputs and outputs of the procedure routes (outputs validated too: fields nobody listed never leave). */
import { z } from 'zod';
import { PROCEDURES, STEP_KINDS } from '../../domain/workflow/flowSchema';
import type { PlannedStep } from '../../domain/workflow/plan';
import { placeCodeOf, placeCodeSchema } from '../../domain/placeCode';

const id = z.coerce.number().int().positive();
const text = (max: number) => z.string().max(max);
const placeCode = placeCodeOf([6, 9, 12]);

export const startSchema = z.strictObject({
  procedure: z.enum(PROCEDURES),
  householdNo: z.string().min(1).max(40),
  year: z.number().int().optional(),
  reason: text(500).optional(),
  comment: text(1000).optional(),
  source: z.string().optional(),
  monitorCategory: z.string().optional(),
  discoveredOn: z.string().optional(),
});

export const actionSchema = z.strictObject({
  caseIds: z.array(z.number().int().positive()).min(1).max(1000),
  action: z.enum(['approve', 'return', 'reject', 'verify']),
  passed: z.boolean().optional(),
  comment: text(1000).optional(),
  evidenceIds: z.array(z.number().int().positive()).max(20).optional(),
});
export type ActionInput = z.infer<typeof actionSchema>;

export const caseQuerySchema = z.object({
  place: placeCodeSchema.optional(),
  procedure: z.enum(PROCEDURES).optional(),
  step: z.string().max(40).optional(),
  status: z.enum(['in_progress', 'completed', 'rejected']).optional(),
  household: z.string().max(40).optional(),
  mine: z.enum(['true', 'false', '1', '0']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
});

export const publishSchema = z.strictObject({
  caseIds: z.array(z.number().int().positive()).min(1).max(500),
  startsOn: z.string(),
  contact: text(300),
});

export const objectionSchema = z.strictObject({
  caseId: z.number().int().positive(),
  objector: text(50),
  contact: text(100).nullable().optional(),
  receivedOn: z.string(),
  content: text(2000),
});

export const resolutionSchema = z.strictObject({
  outcome: z.enum(['dismissed', 'upheld']),
  resolution: text(2000).min(1),
});

export const drawSchema = z.strictObject({
  procedure: z.enum(PROCEDURES),
  place: z.string(),
  seed: text(100).optional(),
});

export const idParams = z.object({ id });
export const placeQuery = z.object({ place: placeCodeSchema.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });
export const evidenceFields = z.object({ place: placeCode, kind: z.string().min(1).max(40) });

const step = z.object({ index: z.number(), code: z.string(), label: z.string(), kind: z.string(), roles: z.array(z.string()), roleLabels: z.array(z.string()) });

export const caseSummarySchema = z.object({
  id: z.number(),
  procedure: z.string(),
  procedureLabel: z.string(),
  variant: z.string().nullable(),
  householdNo: z.string(),
  headName: z.string(),
  householdStatus: z.string(),
  villageCode: z.string(),
  placeName: z.string(),
  year: z.number(),
  persons: z.number(),
  status: z.string(),
  statusLabel: z.string(),
  step,
  stepCount: z.number(),
  noticeId: z.number().nullable(),
  noticeStartsOn: z.string().nullable(),
  noticeEndsOn: z.string().nullable(),
  openObjections: z.number(),
  sampled: z.boolean().nullable(),
  reason: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  waitingOnMe: z.boolean(),
  startedAt: z.string(),
  updatedAt: z.string(),
});

export const casePageSchema = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(caseSummarySchema) });

const evidence = z.object({ id: z.number(), kind: z.string(), name: z.string(), mediaType: z.string(), size: z.number(), digest: z.string(), digestAlg: z.string() });

const objection = z.object({
  id: z.number(), noticeId: z.number(), caseId: z.number(), objector: z.string(), contact: z.string().nullable(), receivedOn: z.string(), content: z.string(),
  recordedBy: z.string().nullable(), status: z.string(), outcome: z.string().nullable(), resolution: z.string().nullable(), resolvedOn: z.string().nullable(), resolvedBy: z.string().nullable(),
});
export const objectionViewSchema = objection;

export const caseDetailSchema = caseSummarySchema.extend({
  policyKey: z.string(),
  params: z.record(z.string(), z.string()),
  plan: z.array(step.extend({ evidence: z.array(z.object({ code: z.string(), label: z.string() })), noticeDays: z.number().nullable(), sampleShare: z.number().nullable(), state: z.enum(['done', 'current', 'pending']) })),
  history: z.array(z.object({
    seq: z.number(), stepCode: z.string(), stepLabel: z.string(), action: z.string(), result: z.string(), resultLabel: z.string(), onDate: z.string(), at: z.string(),
    actorName: z.string().nullable(), actorRole: z.string().nullable(), actorRoleLabel: z.string().nullable(), comment: z.string().nullable(), evidence: z.array(evidence),
  })),
  objections: z.array(objection),
  actions: z.array(z.object({ type: z.string(), allowed: z.boolean(), reason: z.string().nullable() })),
});

export const noticeSchema = z.object({
  id: z.number(),
  procedure: z.string(),
  procedureLabel: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  placePath: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  days: z.number(),
  contact: z.string(),
  publishedBy: z.string().nullable(),
  publishedAt: z.string(),
  households: z.array(z.object({ caseId: z.number(), householdNo: z.string(), headName: z.string(), persons: z.number(), reason: z.string().nullable(), stillAtNotice: z.boolean() })),
  objections: z.array(objection),
});

/** GET /procedures/notices/:id/document: the 公示 as posted, redacted (noticeDocument.ts). */
export const noticeDocumentSchema = z.object({
  id: z.number(), procedure: z.string(), procedureLabel: z.string(), villageName: z.string(), placePath: z.string(), startsOn: z.string(), endsOn: z.string(), days: z.number(),
  contact: z.string(), households: z.array(z.object({ caseId: z.number(), headName: z.string(), persons: z.number(), reason: z.string().nullable() })), hidden: z.number().int(),
});

export const noticeListSchema = z.object({
  items: z.array(z.object({ id: z.number(), procedure: z.string(), procedureLabel: z.string(), villageCode: z.string(), villageName: z.string(), startsOn: z.string(), endsOn: z.string(), days: z.number(), cases: z.number(), openObjections: z.number() })),
});

/** GET /procedures/definitions: the procedures in force at a place and year, with their steps. */
const plannedStepSchema = z.object({
  code: z.string(),
  label: z.string(),
  kind: z.enum(STEP_KINDS),
  roles: z.array(z.string()).describe('办理角色'),
  evidence: z.array(z.object({ code: z.string(), label: z.string() })).describe('须上传的佐证材料'),
  returnTo: z.number().int().describe('退回到的步骤序号（从 0 起）'),
  noticeDays: z.number().int().nullable().describe('公示天数；非公示步骤为 null'),
  sampleShare: z.number().nullable().describe('抽查比例；非抽查步骤为 null'),
}) satisfies z.ZodType<PlannedStep>;
export const definitionsSchema = z.object({
  place: z.string(),
  year: z.number().int(),
  procedures: z.array(
    z.object({ code: z.enum(PROCEDURES), label: z.string(), policyKey: z.string(), outcomes: z.record(z.string(), z.string()).describe('发起时的户状态 → 完成后的户状态'), steps: z.array(plannedStepSchema) }),
  ),
});

/** GET /procedures/summary: open cases by procedure and step. */
export const caseCountsSchema = z.object({
  items: z.array(z.object({ procedure: z.string(), step: z.string(), cases: z.number().int(), persons: z.number().int().describe('涉及人数') })),
});

/** POST /procedures/cases/actions: what each action did. */
export const actionResultSchema = z.object({
  done: z.number().int().describe('已办理的案件数'),
  items: z.array(z.object({ id: z.number().int(), householdNo: z.string(), result: z.string().describe('办理结果'), status: z.string().describe('案件状态'), step: z.string().describe('当前步骤') })),
});

/** POST /procedures/evidence: the stored file. */
export const evidenceSchema = z.object({
  id: z.number().int(),
  placeCode: z.string(),
  kind: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  digest: z.string().describe('内容摘要（十六进制）'),
  digestAlg: z.string().describe('摘要算法：sm3，或早前文件的 sha256'),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
});

/** A spot-check draw: the seed, population and sample (reproducible), and the sampled cases. */
export const drawViewSchema = z.object({
  id: z.number().int(),
  placeCode: z.string(),
  procedure: z.string(),
  seed: z.string(),
  share: z.number(),
  population: z.array(z.number().int()).describe('抽取范围（案件编号）'),
  sample: z.array(z.number().int()).describe('抽中的案件编号'),
  drawnBy: z.string().nullable(),
  drawnAt: z.string(),
  reproduced: z.boolean().describe('按保存的种子与范围重抽得到同一样本'),
  cases: z.array(
    z.object({
      id: z.number().int(),
      householdNo: z.string(),
      headName: z.string(),
      villageCode: z.string(),
      status: z.string(),
      stepCode: z.string(),
      awaiting: z.boolean(),
      verification: z.object({ result: z.string(), comment: z.string().nullable(), onDate: z.string(), by: z.string().nullable() }).nullable(),
    }),
  ),
});
