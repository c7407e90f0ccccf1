/** The sheets of the villages module's 导出Excel: the village list and one village's page. */
import type { ReportSheet } from '../reports/service';
import { displayValue, VILLAGE_FIELDS } from './fields';
import type { VillageListItem, VillagePage } from './service';

const verdictText = (passed: boolean | null) => (passed === null ? '未填村情' : passed ? '达标' : '未达标');

export function listSheets(placeName: string, year: number, items: VillageListItem[], today: string): ReportSheet[] {
  return [{
    name: '村情和出列判定',
    title: `${placeName} ${year} 年村情和贫困村出列判定`,
    notes: [`贫困人口为建档立卡系统 ${year} 年底未脱贫和返贫人口；判定按当年生效的政策参数。导出日期：${today}`],
    columns: [
      { header: '村代码', width: 16 }, { header: '村名称', width: 14 }, { header: '乡镇', width: 14 }, { header: '贫困村' }, { header: '出列年份' },
      { header: '相对贫困村' }, { header: '深度贫困村' }, { header: '户籍人口' }, { header: '贫困户数' }, { header: '贫困人口' }, { header: '贫困发生率' },
      { header: '计入出列的集体经济收入（元）', width: 16 }, { header: '第一书记' }, { header: '判定' }, { header: '未达标的条件', width: 60 },
    ],
    rows: items.map((i) => [
      i.code, i.name, i.townshipName, i.poorVillage ? '是' : '否', i.exitYear, i.relativePoorVillage ? '是' : '否', i.deepPoorVillage ? '是' : '否',
      i.registeredPopulation, i.poorHouseholds, i.poorPersons, i.incidence, i.collectiveIncome, i.firstSecretary, verdictText(i.passed), i.failing.join('；'),
    ]),
  }];
}

export function pageSheets(page: VillagePage, today: string): ReportSheet[] {
  const v = page.village;
  return [
    {
      name: '村情',
      title: `${v.countyName}${v.townshipName}${v.name} ${page.year} 年村情`,
      notes: [`导出日期：${today}`],
      columns: [{ header: '类别', width: 14 }, { header: '项目', width: 24 }, { header: '数值', width: 30 }],
      rows: [
        ...VILLAGE_FIELDS.map((f) => [f.group, f.label, displayValue(f, page.values?.[f.key])]),
        ['建档立卡（计算）', '登记户数', page.figures.households],
        ['建档立卡（计算）', '登记人口', page.figures.persons],
        ['建档立卡（计算）', '贫困户数', page.figures.poorHouseholds],
        ['建档立卡（计算）', '贫困人口', page.figures.poorPersons],
      ],
    },
    {
      name: '出列判定',
      title: `${v.name} ${page.year} 年出列判定：${verdictText(page.verdict.passed)}`,
      notes: [`政策版本：${page.policyKey}`],
      columns: [{ header: '条件', width: 26 }, { header: '数值', width: 16 }, { header: '标准', width: 24 }, { header: '结果' }, { header: '否决条件' }, { header: '说明', width: 50 }, { header: '依据', width: 60 }],
      rows: page.verdict.conditions.map((c) => [c.label, c.value, c.threshold, c.passed === null ? '未填写' : c.passed ? '达标' : '未达标', c.judged ? '是' : '否（仅显示）', c.text, c.source]),
    },
  ];
}
