/** Output schemas: only the fields listed here leave the server (unknown keys are stripped). */
import { z } from 'zod';

const s = z.string();
const sn = z.string().nullable();
const n = z.number();
const nn = z.number().nullable();

export const projectSchema = z.object({
  id: n, countyCode: s, placeCode: s, placeName: s, year: n, name: s, industry: s, type: s, typeLabel: s, scale: nn, scaleUnit: sn,
  plannedOutput: nn, actualOutput: nn, leadDepartment: s, plannedStart: sn, plannedCompletion: sn, startedOn: sn, completedOn: sn, acceptedOn: sn,
  status: s, statusLabel: s, nextStatus: sn, benefitLink: sn, benefitLinkLabel: sn, coveredHouseholds: nn, avgIncomeGain: nn, note: sn,
  beneficiaries: n, allocated: n, disbursed: n, balance: n,
});
export const projectPageSchema = z.object({ total: n, page: n, pageSize: n, items: z.array(projectSchema) });
export const projectDetailSchema = projectSchema.extend({
  beneficiaryList: z.array(z.object({ householdNo: s, headName: s, villageCode: s, villageName: s, status: s, incomeGain: nn })),
});

export const coverageSchema = z.object({
  place: s, placeName: s, year: n,
  lines: z.array(z.object({
    type: s, typeLabel: s, industry: s, scaleUnit: sn, projects: n, scale: nn, plannedOutput: nn, actualOutput: nn,
    coveredHouseholds: nn, avgIncomeGain: nn, linkedHouseholds: n, linkedAvgIncomeGain: nn,
  })),
});

export const sourceSchema = z.object({
  id: n, countyCode: s, placeCode: s, year: n, kind: s, kindLabel: s, name: s, docNo: sn, receivedOn: sn, amount: n, allocated: n, disbursed: n, unallocated: n,
});
export const allocationSchema = z.object({
  id: n, countyCode: s, sourceId: n, sourceName: s, sourceKindLabel: s, year: n, projectId: nn, projectName: sn, householdNo: sn, headName: sn,
  placeCode: s, amount: n, disbursed: n, balance: n, allocatedOn: s, note: sn,
});
export const disbursementSchema = z.object({
  id: n, allocationId: n, sourceName: s, projectId: nn, projectName: sn, householdNo: sn, headName: sn, placeCode: s, paidOn: s, voucherNo: s,
  amount: n, payee: sn, note: sn, createdBy: sn,
});

const versions = z.array(z.object({ id: s, regionCode: s, effectiveYear: n, version: n, title: s }).passthrough());

export const rulePanelSchema = z.object({
  place: s, placeName: s, year: n, figures: z.record(s, n),
  rules: z.array(z.object({ code: s, label: s, pass: z.boolean().nullable(), numerator: n, denominator: n, share: nn, threshold: n, text: s })),
  policyVersions: versions,
});

export const splitSchema = z.object({
  place: s, placeName: s, year: n, persons: n, personsFrom: s, perPerson: n, ratio: s, total: n,
  shares: z.array(z.object({ label: s, share: n, amount: n })), policyVersions: versions,
});

export const disclosureSchema = z.object({
  place: s, placeName: s, year: n, projectId: nn, allocations: z.array(allocationSchema), disbursements: z.array(disbursementSchema), totalAllocated: n, totalDisbursed: n,
});

export const loanSchema = z.object({
  id: n, countyCode: s, householdNo: s, headName: s, villageCode: s, villageName: s, lender: s, contractNo: sn, amount: n, termMonths: n, installments: n,
  annualRate: n, subsidyRate: n, purpose: s, issuedOn: s, extendedMonths: n, repaid: n, outstanding: n, storedStatus: s, state: s, stateLabel: s,
  overdueSince: sn, overdueAmount: n, nextDueOn: sn, nextDueAmount: nn, maturity: s, dueSoon: z.boolean(),
});
export const loanPageSchema = z.object({
  total: n, page: n, pageSize: n, today: s, counts: z.object({ active: n, overdue: n, repaid: n, due_soon: n }), items: z.array(loanSchema),
});
export const loanDetailSchema = loanSchema.extend({
  schedule: z.array(z.object({ seq: n, dueOn: s, principal: n, interest: n, subsidy: n, outstanding: n, paid: z.boolean() })),
  repayments: z.array(z.object({ seq: n, paidOn: s, principal: n, interest: n, note: sn, createdBy: sn })),
  extensions: z.array(z.object({ seq: n, grantedOn: s, months: n, reason: s, createdBy: sn })),
  limits: z.object({ maxAmount: n, maxYears: n, maxExtensionMonths: n }),
});
export const overdueCheckSchema = z.object({ today: s, checked: n, changes: z.array(z.object({ id: n, householdNo: s, from: s, to: s })) });

/** POST /funds/disbursements: the disbursement's id and its allocation after it. */
export const disbursementResultSchema = z.object({ id: z.number(), allocation: allocationSchema });
