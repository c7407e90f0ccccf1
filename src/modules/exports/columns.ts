/**
 * Columns of the registry export: one row per person, the household's columns (and its latest
 * income) repeated on each of its rows, with the headers, order and cell forms of the import
 * template (imports/columns.ts) so that an exported file imports again. Sex and birth date are
 * not exported: they come from the ID number, and beside a masked ID they would unmask it.
 */
import { riskTypeLabel } from '../../domain/assessment/riskTypes';
import * as enums from '../../domain/enums';
import { maskIdNumber, maskPhone } from '../../domain/idNumber';
import type { RegistryRow, RevealOptions } from '../registry/service';

export type { RevealOptions };

export type CellValue = string | number | null;

export interface ExportColumn {
  header: string;
  width: number;
  value: (row: RegistryRow, reveal: RevealOptions) => CellValue;
}

const label = (e: enums.Enumeration, code: string | null) => (code == null ? null : enums.labelOf(e, code));
const yesNo = (flag: boolean | null) => (flag == null ? null : flag ? '是' : '否');
/** A health field withheld from a department operator whose line does not need it. */
const WITHHELD = '（不可见）';
const phone = (text: string | null, reveal: RevealOptions) => (reveal.phone ? text : maskPhone(text));

function column(header: string, width: number, value: (row: RegistryRow, reveal: RevealOptions) => CellValue): ExportColumn {
  return { header, width, value };
}

export const REGISTRY_EXPORT_COLUMNS: ExportColumn[] = [
  column('户编号', 20, (r) => r.household_no),
  column('省', 8, (r) => r.province_name),
  column('市', 8, (r) => r.city_name),
  column('县', 10, (r) => r.county_name),
  column('乡镇', 10, (r) => r.township_name),
  column('村', 14, (r) => r.village_name),
  column('村代码', 14, (r) => r.village_code),
  column('户主姓名', 10, (r) => r.head_name),
  column('户属性', 14, (r) => label(enums.householdAttribute, r.attribute)),
  column('户状态', 10, (r) => label(enums.householdStatus, r.status)),
  column('监测对象类别', 14, (r) => label(enums.monitorCategory, r.monitor_category)),
  column('识别年度', 8, (r) => r.identified_year),
  column('计划脱贫年度', 8, (r) => r.planned_exit_year),
  column('脱贫年度', 8, (r) => r.exit_year),
  column('主要致贫原因', 14, (r) => label(enums.povertyCause, r.main_cause)),
  column('其他致贫原因', 16, (r) => (r.other_causes.length ? r.other_causes.map((c) => enums.labelOf(enums.povertyCause, c)).join('、') : null)),
  column('联系电话', 14, (r, reveal) => phone(r.phone, reveal)),
  column('不愁吃', 6, (r) => yesNo(r.food_secure)),
  column('不愁穿', 6, (r) => yesNo(r.clothing_secure)),
  column('住房安全等级', 8, (r) => label(enums.houseGrade, r.house_grade)),
  column('危房改造', 6, (r) => yesNo(r.house_renovated)),
  column('易地搬迁', 6, (r) => yesNo(r.relocated)),
  column('人均日用水量(升)', 8, (r) => r.water_lpd),
  column('水质达标', 6, (r) => yesNo(r.water_quality_ok)),
  column('取水往返时间(分钟)', 8, (r) => r.water_trip_minutes),
  column('自来水入户', 6, (r) => yesNo(r.water_piped)),
  column('年断水天数', 8, (r) => r.water_outage_days),
  column('缺水地区', 6, (r) => yesNo(r.water_scarce_area)),
  column('取水水平距离(米)', 8, (r) => r.water_horizontal_m),
  column('取水垂直距离(米)', 8, (r) => r.water_vertical_m),
  column('未消除风险类型', 16, (r) => (r.open_risk_types.length ? r.open_risk_types.map(riskTypeLabel).join('、') : null)),
  column('收入年度', 8, (r) => r.income_year),
  column('工资性收入', 10, (r) => r.wages),
  column('生产经营性净收入', 10, (r) => r.production_net),
  column('财产性收入', 10, (r) => r.property),
  column('转移性收入', 10, (r) => r.transfer),
  column('生产经营性支出', 10, (r) => r.production_cost),
  column('风险事件类型', 12, (r) => (r.event_type == null ? null : riskTypeLabel(r.event_type))),
  column('风险发生日期', 12, (r) => r.event_date),
  column('风险刚性支出(元)', 10, (r) => r.event_cost),
  column('姓名', 10, (r) => r.name),
  column('证件号码', 21, (r, reveal) => (reveal.idNumber ? r.id_number : maskIdNumber(r.id_number))),
  column('与户主关系', 10, (r) => label(enums.relation, r.relation)),
  column('民族', 8, (r) => label(enums.ethnicity, r.ethnicity)),
  column('文化程度', 12, (r) => label(enums.education, r.education)),
  column('在校生状况', 12, (r) => label(enums.schooling, r.schooling)),
  column('健康状况', 12, (r, reveal) => (reveal.healthWithheld ? WITHHELD : label(enums.health, r.health))),
  column('残疾等级', 8, (r, reveal) => (reveal.healthWithheld ? WITHHELD : r.disability_grade)),
  column('劳动技能', 16, (r) => label(enums.labourCapacity, r.labour)),
  column('务工状况', 14, (r) => label(enums.workStatus, r.work_status)),
  column('基本医疗保险', 6, (r) => yesNo(r.insured_basic)),
  column('大病保险', 6, (r) => yesNo(r.insured_serious)),
  column('商业补充保险', 6, (r) => yesNo(r.insured_commercial)),
  column('养老保险', 6, (r) => yesNo(r.insured_pension)),
  column('家庭医生签约', 6, (r) => yesNo(r.family_doctor)),
  column('慢病卡', 6, (r, reveal) => (reveal.healthWithheld ? WITHHELD : yesNo(r.chronic_card))),
  column('送教上门', 6, (r) => yesNo(r.home_schooling)),
  column('个人联系电话', 14, (r, reveal) => phone(r.person_phone, reveal)),
];
