/**
 * `fupin report causes|progress|listing`: the report workbooks of the web app (致贫原因统计,
 * 脱贫进展, 挂牌督战名单) written to a file, for offices that script. Scoped like the API: with
 * `--user <name>` the place must lie in that user's area and his role must read reports; without
 * it the server console reads every place, as `fupin export` does.
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { ALL_PLACES, scopeContains, type PlaceScope } from '../../db/placeScope';
import { permissionsOf, scopeOfUser } from '../../modules/auth/service';
import { chinaDate } from '../../domain/dates';
import { placeCodeSchema } from '../../domain/placeCode';
import { causeReport, dateAfterYearEnd, progressReport, reportWorkbook, type ReportSheet } from '../../modules/reports/service';
import { causeReportSheets, progressReportSheets } from '../../modules/reports/exports';
import { causeQuerySchema, yearSchema } from '../../modules/reports/schemas';
import { listingSheets } from '../../modules/supervision/exports';
import { supervisionListing } from '../../modules/supervision/service';
import { getUser } from '../../modules/users/service';
import { withDatabase } from '../context';

export const REPORT_KINDS = ['causes', 'progress', 'listing'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const optionsSchema = z.object({
  kind: z.enum(REPORT_KINDS, { message: `报表种类应为 ${REPORT_KINDS.join('、')} 之一（致贫原因、脱贫进展、挂牌督战名单）` }),
  place: placeCodeSchema.optional(),
  year: yearSchema.optional(),
  status: causeQuerySchema.shape.status,
  user: z.string().min(1, '用户名不能为空').optional(),
  out: z.string().regex(/\.xlsx$/i, '输出文件应以 .xlsx 结尾'),
});
export type ReportOptions = z.input<typeof optionsSchema>;

/** The first problem of the options, in Chinese with the option's name. */
export function parseReportOptions(options: ReportOptions) {
  const parsed = optionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = issue.path[0] === 'kind' ? '报表种类' : `--${String(issue.path[0])}`;
  throw new Error(`${name}“${String((options as Record<string, unknown>)[String(issue.path[0])] ?? '')}”无效：${issue.message}`);
}

/** Who the report is made for: the named user's area, or the console's (every place). */
async function scopeFor(database: Database, username: string | undefined, now: Date): Promise<{ scope: PlaceScope; home: string }> {
  if (username === undefined) return { scope: ALL_PLACES, home: '0' };
  const user = await getUser(database.db, ALL_PLACES, { username }, now);
  if (user.disabled) throw new Error(`用户“${username}”已停用`);
  if (!permissionsOf(user.role).includes('dashboard.read')) throw new Error(`用户“${username}”（${user.roleLabel}）无权查看统计报表`);
  return { scope: scopeOfUser(user), home: user.placeCode };
}

/** Makes the report and writes its workbook; answers what was written, for the console. */
export async function reportToFile(database: Database, options: ReportOptions, now = new Date()): Promise<string> {
  const o = parseReportOptions(options);
  const { scope, home } = await scopeFor(database, o.user, now);
  const place = o.place ?? home;
  if (!scope.all && (place === '0' || !scopeContains(scope, place))) {
    throw new Error(`地区 ${place} 不在用户“${o.user}”的管辖范围内`);
  }
  const today = chinaDate(now);
  let sheets: ReportSheet[];
  let title: string;
  if (o.kind === 'causes') {
    const report = await causeReport(database.db, place, { year: o.year, statuses: o.status });
    sheets = causeReportSheets(report, today);
    title = `${report.place.name}致贫原因统计（${report.year ?? '无数据'} 年底，${report.households} 户 ${report.persons} 人）`;
  } else if (o.kind === 'progress') {
    const report = await progressReport(database.db, place, { year: o.year });
    sheets = progressReportSheets(report, today);
    title = `${report.place.name}脱贫进展（${report.years.length} 个年度）`;
  } else {
    const asOf = o.year === undefined ? undefined : dateAfterYearEnd(o.year);
    const listing = await supervisionListing(database.db, scope, place, { asOf, today });
    sheets = listingSheets(listing, today);
    title = `${listing.place.name}挂牌督战名单（时点 ${listing.asOf ?? '无数据'}：县 ${listing.counties.length}、乡镇 ${listing.townships.length}、村 ${listing.villages.length}）`;
  }
  writeFileSync(o.out, await reportWorkbook(sheets));
  return `已导出 ${title} → ${o.out}`;
}

export function registerReport(program: Command): void {
  program
    .command('report <kind>')
    .description('导出统计报表 .xlsx：causes 致贫原因统计、progress 脱贫进展、listing 挂牌督战名单（与网页导出相同）')
    .option('--place <code>', '地区代码（0 全国，省 2、市 4、县 6、乡镇 9、村 12 位；默认：--user 的辖区，否则全国）')
    .option('--year <year>', '年度（年底状态；默认：登记数据的最近年度）；挂牌督战名单取该年底的次日为时点')
    .option('--status <codes>', '致贫原因统计的户状态代码，逗号分隔（默认 poor,returned）')
    .option('--user <name>', '以该用户的身份和辖区导出（与网页相同的范围检查）')
    .requiredOption('--out <file>', '输出文件 .xlsx')
    .action(async (kind: string, opts: Omit<ReportOptions, 'kind'>) => {
      const options = { ...opts, kind: kind as ReportKind };
      parseReportOptions(options); // bad options are refused before the database is opened
      console.log(await withDatabase((database) => reportToFile(database, options)));
    });
}
