/** The supervision listing as a workbook: one sheet per level, like seed 001's annex. */
import type { ReportSheet } from '../reports/service';
import type { Listing, ListedPlace } from './service';

const COLUMNS = [
  { header: '序号', width: 6 },
  { header: '县', width: 12 },
  { header: '地区', width: 14 },
  { header: '地区代码', width: 14 },
  { header: '贫困人口数（人）', width: 16 },
  { header: '贫困户数（户）', width: 14 },
  { header: '挂牌线（人）', width: 12 },
  { header: '督战领导', width: 16 },
  { header: '未销号问题', width: 12 },
  { header: '逾期问题', width: 10 },
  { header: '最新年底人数', width: 14 },
  { header: '可摘牌', width: 8 },
  { header: '依据', width: 60 },
];

const row = (l: ListedPlace, i: number) => [
  i + 1, l.countyName ?? l.name, l.name, l.code, l.persons, l.households, l.threshold,
  l.leader ? [l.leader.title, l.leader.name].filter(Boolean).join(' ') : '', l.openRectifications, l.overdueRectifications,
  l.latestPersons, l.delistable ? '是' : '否', l.reason,
];

export function listingSheets(listing: Listing, madeOn: string): ReportSheet[] {
  const notes = [
    `地区：${listing.place.path.map((p) => p.name).join(' / ') || listing.place.name}；时点：${listing.asOf ?? '（无数据）'}（${listing.statusYear ?? '—'} 年底数据）`,
    `挂牌线：县 ${listing.thresholds?.county ?? '—'} 人，乡镇 ${listing.thresholds?.township ?? '—'} 人，村 ${listing.thresholds?.village ?? '—'} 人（超过即挂牌）`,
    `制表日期：${madeOn}`,
    ...listing.notes,
  ];
  const sheet = (name: string, list: ListedPlace[]): ReportSheet => ({
    name,
    title: `${listing.place.name}挂牌督战${name}名单（${list.length} 个）`,
    notes,
    columns: COLUMNS,
    rows: list.map(row),
  });
  return [sheet('县', listing.counties), sheet('乡镇', listing.townships), sheet('村', listing.villages)];
}
