/** The monitoring-scale and industry-income reports as .xlsx (Chinese headers; text neutralised against formula injection). */
import ExcelJS from 'exceljs';
import { safeCellValue } from '../../domain/spreadsheetSafe';
import type { CapReport, IndustryReport } from './policyTargets';

type Column<T> = { header: string; width: number; value: (row: T) => string | number | null };

function sheetOf<T>(workbook: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: T[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  for (const r of rows) sheet.addRow(columns.map((c) => safeCellValue(c.value(r))));
}

const pct = (share: number | null) => (share === null ? '不设上限' : `${Math.round(share * 10000) / 100}%`);

export async function capWorkbook(report: CapReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  sheetOf(workbook, `${report.year}年监测规模`, [
    { header: '县代码', width: 10, value: (r) => r.code },
    { header: '县', width: 14, value: (r) => r.name },
    { header: '建档立卡人口', width: 12, value: (r) => r.registeredPersons },
    { header: '监测对象人数', width: 12, value: (r) => r.monitoredPersons },
    { header: '比例上限', width: 10, value: (r) => pct(r.capShare) },
    { header: '深度贫困县', width: 10, value: (r) => (r.deepPoverty ? '是' : '否') },
    { header: '超过上限', width: 10, value: (r) => (r.over ? '是' : '否') },
    { header: '说明', width: 60, value: (r) => r.reason },
  ], report.counties);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function industryWorkbook(report: IndustryReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  sheetOf(workbook, '按地区', [
    { header: '地区代码', width: 14, value: (r) => r.code },
    { header: '地区', width: 16, value: (r) => r.name },
    { header: '有产业扶持的户', width: 14, value: (r) => r.supported },
    { header: '达到目标', width: 10, value: (r) => r.meeting },
    { header: '未达到', width: 10, value: (r) => r.short },
    { header: '缺收入记录', width: 12, value: (r) => r.noIncome },
  ], report.byPlace);
  sheetOf(workbook, '逐户', [
    { header: '户编号', width: 20, value: (r) => r.householdNo },
    { header: '户主', width: 10, value: (r) => r.headName },
    { header: '村代码', width: 14, value: (r) => r.villageCode },
    { header: '目标（元/人）', width: 12, value: (r) => r.target },
    { header: '人均产业收入（元）', width: 16, value: (r) => r.perCapita },
    { header: '达到目标', width: 10, value: (r) => (r.meets === null ? '不能判定' : r.meets ? '是' : '否') },
    { header: '说明', width: 50, value: (r) => r.reason },
  ], report.households);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
