/**
 * HTTP routes of the reporting rhythm, 督查, 通报 and 问责, declared once with routesOf.
 * Reading needs 'dashboard.read'; 上报 'rhythm.submit' by a user of that township or county;
 * 签收 / 退回 'rhythm.review' by a user of a level above; snapshots on demand 'ledger.write';
 * rounds, findings, 通报 and 问责 'supervision.manage'. A record outside the scope answers 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Database } from '../../db/database';
import { isUnder, scopeContains } from '../../db/placeScope';
import { requireUser } from '../../server/access';
import { routesOf } from '../../server/defineRoute';
import { AppError } from '../../server/errors';
import { ledgerContextOf, reachPlace, reachRecord, todayOf } from '../../server/reach';
import { placeNameOf } from '../places/service';
import { sendWorkbook, type ReportSheet } from '../reports/service';
import { accountabilitySheets, assessmentSheets, periodSheets, reportSheets, roundSheets, submissionSheets, teamSheets } from './exports';
import * as s from './schemas';
import * as rhythm from './service';

export async function registerRhythmRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const route = routesOf(api, { tag: '工作调度', description: 'Reporting rhythm: month snapshots, submissions, inspections, 通报 and 问责 (src/modules/rhythm)' });
  const scopeOf = (request: FastifyRequest) => requireUser(request).scope;
  const username = (request: FastifyRequest) => requireUser(request).user.username;

  // Snapshots and the reports reading them

  route({
    method: 'GET', url: '/rhythm/trend', summary: '逐月趋势（读月末快照）', access: 'dashboard.read', query: s.trendQuery, response: s.trendSchema,
    handler: async ({ request, query }) => {
      const place = await reachPlace(request, query.place);
      return { place, year: query.year, months: await rhythm.monthlyTrend(db, scopeOf(request), place, query.year) };
    },
  });

  const period = async (request: FastifyRequest, query: { place?: string; year: number; kind: 'month' | 'quarter' | 'year'; index: number }) =>
    rhythm.periodReport(db, scopeOf(request), await reachPlace(request, query.place), query.year, query.kind, query.index);
  route({
    method: 'GET', url: '/rhythm/periods', summary: '月报告、季小结、年总结（读月末快照）', access: 'dashboard.read', query: s.periodQuery, response: s.periodSchema,
    handler: ({ request, query }) => period(request, query),
  });
  route({
    method: 'GET', url: '/rhythm/periods/export.xlsx', summary: '导出月报告、季小结、年总结', access: 'dashboard.read', query: s.periodQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const r = await period(request, query);
      return sendWorkbook(reply, periodSheets(r, todayOf(request)), `period-${r.place.code}-${r.year}-${r.kind}${r.index}.xlsx`, `${r.title}.xlsx`);
    },
  });

  route({
    method: 'GET', url: '/rhythm/snapshots', summary: '快照列表', access: 'dashboard.read', query: s.placeQuery, response: s.snapshotListSchema,
    handler: async ({ request, query }) => ({ items: await rhythm.listSnapshots(db, await reachPlace(request, query.place)) }),
  });
  route({
    method: 'POST', url: '/rhythm/snapshots', summary: '即时生成快照', access: 'ledger.write', body: s.snapshotInput, response: s.snapshotSchema, status: 201,
    handler: async ({ request, body }) => {
      const place = await reachPlace(request, body.place);
      const ctx = ledgerContextOf(request);
      const header = await rhythm.takeSnapshotNow(db, place, ctx.actor, ctx.actor.at);
      return rhythm.snapshotDetail(db, header.countyCode, header.id, place);
    },
  });
  route({
    method: 'GET', url: '/rhythm/snapshots/:county/:id', summary: '快照详情', access: 'dashboard.read', params: s.snapshotParams, query: s.placeQuery, response: s.snapshotSchema,
    handler: async ({ request, params, query }) => {
      const place = await reachPlace(request, query.place ?? params.county);
      if (!isUnder(place, params.county)) await reachRecord(request, { type: 'month_snapshot', id: `${params.county}-${params.id}`, placeCode: params.county }, `快照 ${params.county}-${params.id} `);
      return rhythm.snapshotDetail(db, params.county, params.id, place);
    },
  });

  // Submissions (上报), sign-off and return

  /** A list of a place in a month, as JSON and as its 导出Excel, declared together. */
  const monthListRoutes = <R>(spec: {
    url: string; summary: string; response: z.ZodType; fileStem: string; fileTitle: string;
    load: (request: FastifyRequest, place: string, month: string) => Promise<R>; sheets: (placeName: string, result: R) => ReportSheet[];
  }) => {
    const load = async (request: FastifyRequest, query: { place?: string; month: string }) => {
      const place = await reachPlace(request, query.place);
      return { place, result: await spec.load(request, place, query.month) };
    };
    route({ method: 'GET', url: spec.url, summary: spec.summary, access: 'dashboard.read', query: s.monthQuery, response: spec.response, handler: async ({ request, query }) => (await load(request, query)).result });
    route({
      method: 'GET', url: `${spec.url}/export.xlsx`, summary: `导出${spec.fileTitle}`, access: 'dashboard.read', query: s.monthQuery, file: 'xlsx',
      handler: async ({ request, reply, query }) => {
        const { place, result } = await load(request, query);
        const name = await placeNameOf(db, place);
        const month = query.month.slice(0, 7);
        return sendWorkbook(reply, spec.sheets(name, result), `${spec.fileStem}-${place}-${month}.xlsx`, `${name}${month}${spec.fileTitle}.xlsx`);
      },
    });
  };

  monthListRoutes({
    url: '/rhythm/submissions', summary: '月度上报情况（逾期未报、逾期上报）', response: s.submissionListSchema, fileStem: 'submissions', fileTitle: '月度上报情况',
    load: (request, place, month) => rhythm.submissionList(db, scopeOf(request), place, month, todayOf(request)),
    sheets: submissionSheets,
  });

  const reachReport = (request: FastifyRequest, place: string) => reachRecord(request, { type: 'month_report', id: place, placeCode: place }, `乡镇或县 ${place} 的月度报告 `);

  route({
    method: 'GET', url: '/rhythm/reports/:place/:month', summary: '月度进展报告（含各版本和冻结快照的数字）', access: 'dashboard.read', params: s.reportParams, response: s.reportSchema,
    handler: async ({ request, params }) => {
      await reachReport(request, params.place);
      return rhythm.reportDetail(db, params.place, params.month, todayOf(request));
    },
  });
  route({
    method: 'GET', url: '/rhythm/reports/:place/:month/export.xlsx', summary: '导出月度进展报告', access: 'dashboard.read', params: s.reportParams, file: 'xlsx',
    handler: async ({ request, reply, params }) => {
      await reachReport(request, params.place);
      const r = await rhythm.reportDetail(db, params.place, params.month, todayOf(request));
      return sendWorkbook(reply, reportSheets(r), `report-${params.place}-${params.month.slice(0, 7)}.xlsx`, `${r.place.name}${params.month.slice(0, 7)}月度进展报告.xlsx`);
    },
  });
  route({
    method: 'POST', url: '/rhythm/reports/:place/:month', summary: '上报（重报）月度进展', access: 'rhythm.submit', params: s.reportParams, body: s.submissionInput, response: s.reportSchema,
    handler: async ({ request, params, body }) => {
      await reachReport(request, params.place);
      const { scope } = requireUser(request);
      if (!scope.all && !scope.codes.includes(params.place)) throw new AppError(403, 'forbidden', `只有 ${params.place} 本级的用户可以上报它的月度进展`);
      return rhythm.submitMonth(db, params.place, params.month, body, ledgerContextOf(request));
    },
  });
  route({
    method: 'POST', url: '/rhythm/reports/:place/:month/decision', summary: '签收或退回月度进展报告', access: 'rhythm.review', params: s.reportParams, body: s.decisionInput, response: s.reportSchema,
    handler: async ({ request, params, body }) => {
      await reachReport(request, params.place);
      const { scope } = requireUser(request);
      const above = scope.all || scope.codes.some((c) => isUnder(params.place, c) && c !== params.place);
      if (!above) throw new AppError(403, 'forbidden', `月度进展报告由上一级签收或退回，${params.place} 本级不能处理自己的报告`);
      return rhythm.decideMonth(db, params.place, params.month, body, ledgerContextOf(request));
    },
  });

  // 督查, 通报, 问责

  /** A round the user reaches: one of its places inside the scope, or the scope inside its county. */
  const reachRound = async (request: FastifyRequest, county: string, id: number) => {
    const round = await rhythm.locateRound(db, county, id, todayOf(request), username(request));
    const scope = scopeOf(request);
    const reached = round && (scope.all || round.places.some((p) => scope.codes.some((c) => isUnder(p, c) || isUnder(c, p))));
    if (!reached) await reachRecord(request, { type: 'inspection_round', id: `${county}-${id}`, placeCode: county }, `督查 ${county}-${id} `);
    if (!round) throw new AppError(404, 'not_found', `督查 ${county}-${id} 不存在或不在您的权限范围内`);
  };

  route({
    method: 'GET', url: '/inspections', summary: '督查列表', access: 'dashboard.read', query: s.yearPlaceQuery, response: s.roundListSchema,
    handler: async ({ request, query }) => ({ items: await rhythm.listRounds(db, scopeOf(request), await reachPlace(request, query.place), query.year, todayOf(request), username(request)) }),
  });
  route({
    method: 'POST', url: '/inspections', summary: '安排督查（明察、暗访）', access: 'supervision.manage', body: s.roundInput, response: s.roundSchema, status: 201,
    handler: async ({ request, body }) => {
      for (const place of body.places) await reachPlace(request, place);
      return rhythm.createRound(db, body, ledgerContextOf(request));
    },
  });
  route({
    method: 'GET', url: '/inspections/:county/:id', summary: '督查详情（发现问题及整改进度）', access: 'dashboard.read', params: s.roundParams, response: s.roundSchema,
    handler: async ({ request, params }) => {
      await reachRound(request, params.county, params.id);
      return rhythm.roundDetail(db, params.county, params.id, todayOf(request), username(request));
    },
  });
  route({
    method: 'GET', url: '/inspections/:county/:id/export.xlsx', summary: '导出督查发现问题', access: 'dashboard.read', params: s.roundParams, file: 'xlsx',
    handler: async ({ request, reply, params }) => {
      await reachRound(request, params.county, params.id);
      const r = await rhythm.roundDetail(db, params.county, params.id, todayOf(request), username(request));
      return sendWorkbook(reply, roundSheets(r, todayOf(request)), `inspection-${params.county}-${params.id}.xlsx`, `${r.title}发现问题.xlsx`);
    },
  });
  route({
    method: 'POST', url: '/inspections/:county/:id/findings', summary: '登记督查发现问题（同时建立整改问题）', access: 'supervision.manage', params: s.roundParams, body: s.findingInput, response: s.findingResultSchema, status: 201,
    handler: async ({ request, params, body }) => {
      await reachRound(request, params.county, params.id);
      if (!scopeContains(scopeOf(request), body.placeCode)) await reachPlace(request, body.placeCode);
      return rhythm.addFinding(db, params.county, params.id, body, ledgerContextOf(request));
    },
  });
  route({
    method: 'POST', url: '/inspections/:county/:id/bulletins', summary: '印发通报', access: 'supervision.manage', params: s.roundParams, body: s.bulletinInput, response: s.bulletinSchema, status: 201,
    handler: async ({ request, params, body }) => {
      await reachRound(request, params.county, params.id);
      await reachPlace(request, params.county);
      return rhythm.issueBulletin(db, params.county, params.id, body, ledgerContextOf(request));
    },
  });

  /** A 通报 is read by any user of its county (or above). */
  const reachCounty = async (request: FastifyRequest, county: string, what: string) => {
    const scope = scopeOf(request);
    if (scope.all || scope.codes.some((c) => isUnder(c, county) || isUnder(county, c))) return;
    await reachRecord(request, { type: 'bulletin', id: what, placeCode: county }, `通报 ${what} `);
  };
  route({
    method: 'GET', url: '/bulletins', summary: '通报列表', access: 'dashboard.read', query: s.yearPlaceQuery, response: s.bulletinListSchema,
    handler: async ({ request, query }) => {
      const place = await reachPlace(request, query.place);
      return { items: await rhythm.listBulletins(db, place.length > 6 ? place.slice(0, 6) : place, query.year) };
    },
  });
  route({
    method: 'GET', url: '/bulletins/:county/:id', summary: '通报（印发时内容与整改跟踪）', access: 'dashboard.read', params: s.roundParams, response: s.bulletinSchema,
    handler: async ({ request, params }) => {
      await reachCounty(request, params.county, `${params.county}-${params.id}`);
      return rhythm.bulletinDetail(db, params.county, params.id, todayOf(request));
    },
  });

  route({
    method: 'GET', url: '/accountability', summary: '问责台账', access: 'dashboard.read', query: s.yearPlaceQuery, response: s.accountabilityListSchema,
    handler: async ({ request, query }) => ({ items: await rhythm.accountabilityLedger(db, scopeOf(request), await reachPlace(request, query.place), query.year) }),
  });
  route({
    method: 'GET', url: '/accountability/export.xlsx', summary: '导出问责台账', access: 'dashboard.read', query: s.yearPlaceQuery, file: 'xlsx',
    handler: async ({ request, reply, query }) => {
      const place = await reachPlace(request, query.place);
      const rows = await rhythm.accountabilityLedger(db, scopeOf(request), place, query.year);
      const name = await placeNameOf(db, place);
      return sendWorkbook(reply, accountabilitySheets(name, query.year, rows), `accountability-${place}-${query.year}.xlsx`, `${name}${query.year}年问责台账.xlsx`);
    },
  });
  route({
    method: 'POST', url: '/accountability', summary: '登记问责', access: 'supervision.manage', body: s.accountabilityInput, response: s.accountabilityResultSchema, status: 201,
    handler: async ({ request, body }) => {
      await reachPlace(request, body.placeCode);
      return rhythm.recordAccountability(db, body, ledgerContextOf(request));
    },
  });

  // 驻村工作队: days on post, leave, replacement, 民情日记

  monthListRoutes({
    url: '/workteams/month', summary: '驻村工作队在岗情况（不足最低天数、队员不足、未派驻）', response: s.teamMonthSchema, fileStem: 'workteams', fileTitle: '驻村工作队在岗情况',
    load: (request, place, month) => rhythm.teamMonth(db, scopeOf(request), place, month),
    sheets: teamSheets,
  });
  const reachMember = async (request: FastifyRequest, id: number) => {
    const member = await rhythm.locateTeamMember(db, id);
    await reachRecord(request, { type: 'village_team_member', id: String(id), placeCode: member.villageCode }, `驻村工作队队员 ${id} `);
  };
  /** A change to one team member's record: the member must lie in the user's reach. */
  const memberRoute = <B extends z.ZodType<{ memberId: number }>>(spec: {
    url: string; summary: string; access: 'assistance.write' | 'assistance.manage'; body: B; response: z.ZodType; status?: 201;
    run: (db: Database['db'], body: z.output<B>, ctx: ReturnType<typeof ledgerContextOf>) => Promise<unknown>;
  }) =>
    route({
      method: 'POST', url: spec.url, summary: spec.summary, access: spec.access, body: spec.body, response: spec.response, status: spec.status,
      handler: async ({ request, body }) => {
        await reachMember(request, body.memberId);
        return spec.run(db, body as z.output<B>, ledgerContextOf(request));
      },
    });
  memberRoute({ url: '/workteams/presence', summary: '记录驻村队员在岗、因公外出或请假（一天一条）', access: 'assistance.write', body: s.presenceInput, response: s.presenceResultSchema, run: rhythm.recordPresence });
  memberRoute({ url: '/workteams/leave', summary: '登记驻村队员请假', access: 'assistance.manage', body: s.leaveInput, response: s.leaveResultSchema, status: 201, run: rhythm.recordLeave });
  memberRoute({ url: '/workteams/replacements', summary: '替换驻村队员（原队员离任，接替干部任同一职务）', access: 'assistance.manage', body: s.replacementInput, response: s.replacementResultSchema, status: 201, run: rhythm.replaceMember });
  memberRoute({ url: '/workteams/diary', summary: '写民情日记', access: 'assistance.write', body: s.diaryInput, response: s.idResultSchema, status: 201, run: rhythm.addDiary });
  route({
    method: 'GET', url: '/workteams/diary', summary: '民情日记', access: 'dashboard.read', query: s.monthQuery, response: s.diaryListSchema,
    handler: async ({ request, query }) => ({ items: await rhythm.diaryOf(db, await reachPlace(request, query.place), query.month) }),
  });

  // 考核

  route({
    method: 'GET', url: '/assessments', summary: '考核方案列表', access: 'dashboard.read', query: s.yearPlaceQuery, response: s.schemeListSchema,
    handler: async ({ request, query }) => ({ items: await rhythm.listSchemes(db, await reachPlace(request, query.place), query.year) }),
  });
  route({
    method: 'POST', url: '/assessments', summary: '制定考核方案（各项分值合计须为 100 分）', access: 'supervision.manage', body: s.schemeInput, response: s.schemeCreatedSchema, status: 201,
    handler: async ({ request, body }) => {
      await reachPlace(request, body.county);
      return rhythm.createScheme(db, body, ledgerContextOf(request));
    },
  });
  const reachScheme = (request: FastifyRequest, county: string) => reachCounty(request, county, `考核方案 ${county}`);
  route({
    method: 'GET', url: '/assessments/:county/:id', summary: '考核结果（得分、名次、评分依据，按数据重新计算）', access: 'dashboard.read', params: s.schemeParams, response: s.resultsSchema,
    handler: async ({ request, params }) => {
      await reachScheme(request, params.county);
      return rhythm.assessmentResults(db, params.county, params.id);
    },
  });
  route({
    method: 'GET', url: '/assessments/:county/:id/export.xlsx', summary: '导出考核结果', access: 'dashboard.read', params: s.schemeParams, file: 'xlsx',
    handler: async ({ request, reply, params }) => {
      await reachScheme(request, params.county);
      const r = await rhythm.assessmentResults(db, params.county, params.id);
      return sendWorkbook(reply, assessmentSheets(r), `assessment-${params.county}-${params.id}.xlsx`, `${r.countyName}${r.title}.xlsx`);
    },
  });
  route({
    method: 'PUT', url: '/assessments/:county/:id/entries', summary: '录入考核得分（录入类指标）', access: 'supervision.manage', params: s.schemeParams, body: s.entryInput, status: 204,
    handler: async ({ request, params, body }) => {
      await reachPlace(request, body.placeCode);
      await rhythm.enterScore(db, params.county, params.id, body, ledgerContextOf(request));
    },
  });
}
