/** The county exit dashboard and the re-check list as workbooks (导出Excel). */
import type { ReportSheet } from '../reports/service';
import type { CountyRow } from './verdicts';
import type { recheckOverview } from './recheck';

const CONDITIONS = ['incidence', 'wrongExitRate', 'missedRate', 'approval'] as const;
const LABELS = ['综合贫困发生率', '错退率', '漏评率', '群众认可度'];

export function dashboardSheets(placeName: string, year: number, rows: CountyRow[], madeOn: string): ReportSheet[] {
  const notes = [`地区：${placeName}；年度：${year}；制表日期：${madeOn}。三率一度取自抽样调查记录，贫困人口取自建档立卡；临界值计入达标（POLICY.md §7）。`];
  return [
    {
      name: '摘帽条件',
      title: `${placeName}${year} 年贫困县退出（摘帽）条件`,
      notes,
      columns: [
        { header: '县代码', width: 10 }, { header: '县', width: 14 }, { header: '结论', width: 10 }, { header: '摘帽情况', width: 18 },
        ...LABELS.flatMap((l) => [{ header: l, width: 12 }, { header: `${l}标准`, width: 10 }, { header: `${l}结论`, width: 10 }]),
        { header: '未达标原因', width: 60 }, { header: '政策版本', width: 24 },
      ],
      rows: rows.map((r) => [
        r.code, r.name, r.verdict.passed ? '达标' : '未达标', r.exit ? `${r.exit.year} 年${r.exit.statusLabel}` : '',
        ...CONDITIONS.flatMap((k) => {
          const c = r.verdict.conditions.find((x) => x.key === k)!;
          return [c.shown ?? '无数据', `${c.comparison === 'atMost' ? '≤' : '≥'} ${c.thresholdShown}`, c.passed ? '达标' : '未达标'];
        }),
        r.verdict.failing.join('；'), r.policyKey,
      ]),
    },
    {
      name: '计算过程',
      title: `${placeName}${year} 年摘帽条件计算过程`,
      notes,
      columns: [{ header: '县', width: 14 }, { header: '条件', width: 14 }, { header: '说明', width: 40 }, { header: '计算', width: 80 }, { header: '出处', width: 60 }],
      rows: rows.flatMap((r) => r.verdict.conditions.map((c) => [r.name, c.label, c.reason, c.formula, c.source])),
    },
  ];
}

export function recheckSheets(o: Awaited<ReturnType<typeof recheckOverview>>, madeOn: string): ReportSheet[] {
  const notes = [`地区：${o.place.name}；复查年度：${o.year}；制表日期：${madeOn}`];
  return [
    {
      name: '抽查复查',
      title: `${o.place.name}${o.year} 年摘帽县抽查复查`,
      notes,
      columns: [
        { header: '县代码', width: 10 }, { header: '县', width: 14 }, { header: '抽取批次', width: 10 }, { header: '状态', width: 16 }, { header: '复查日期', width: 12 },
        ...LABELS.map((l) => ({ header: l, width: 12 })), { header: '原因', width: 60 }, { header: '整改问题编号', width: 16 },
      ],
      rows: o.rechecks.map((r) => [
        r.countyCode, r.countyName, r.drawId, r.statusLabel, r.checkedOn,
        ...CONDITIONS.map((k) => r.conditions.find((c) => c.key === k)?.shown ?? ''),
        r.conditions.filter((c) => !c.passed).map((c) => c.reason).join('；'), r.rectificationIds.join('、'),
      ]),
    },
    {
      name: '抽取记录',
      title: `${o.place.name}${o.year} 年摘帽县抽取记录`,
      notes,
      columns: [{ header: '批次', width: 8 }, { header: '范围', width: 12 }, { header: '摘帽年度', width: 10 }, { header: '比例', width: 8 }, { header: '摘帽县数', width: 10 }, { header: '抽中数', width: 8 }, { header: '种子', width: 36 }, { header: '抽取人', width: 12 }, { header: '抽取时间', width: 22 }],
      rows: o.draws.map((d) => [d.id, d.placeName, d.exitYear, d.share, d.populationCount, d.sampleCount, d.seed, d.drawnBy, d.drawnAt]),
    },
  ];
}
