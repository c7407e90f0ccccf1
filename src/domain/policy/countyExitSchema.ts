/**
 * 贫困县退出（摘帽） rules of a policy record (POLICY.md §7): each condition a veto with its
 * threshold and the text it comes from; the western provinces (and prefectures treated as
 * western) whose incidence threshold is 3%; the 公示 days of the county exit procedure.
 */
import { z } from 'zod';
import { codes, label, positiveInt, share } from './schemaHelpers';

const source = (text: string) => label(text, z.string().min(1));

export const countyExitRules = {
  countyExit: label('贫困县退出（摘帽）标准', z.strictObject({
    incidence: label('综合贫困发生率', z.strictObject({
      threshold: share('综合贫困发生率不高于'),
      westThreshold: share('西部地区综合贫困发生率不高于'),
      source: source('出处'),
    })),
    wrongExitRate: label('错退率', z.strictObject({ threshold: share('错退率不高于'), source: source('出处') })),
    missedRate: label('漏评率', z.strictObject({ threshold: share('漏评率不高于'), source: source('出处') })),
    approval: label('群众认可度', z.strictObject({ threshold: share('群众认可度不低于'), source: source('出处') })),
    westernRegions: codes('西部地区及比照西部的地区代码'),
    westernRegionsSource: source('西部地区名单出处'),
    noticeDays: positiveInt('摘帽公示天数'),
    noticeDaysSource: source('公示天数出处'),
  })),
};

const ASSESSMENT_2017 = '贫困县退出专项评估检查实施办法（2017）：错退率高于2%、漏评率超过2%、群众认可度低于90%的不得退出；临界值按民法典第1259条计入（POLICY.md §7）';

/** The national defaults (POLICY.md §7). */
export const COUNTY_EXIT_DEFAULTS = {
  incidence: {
    threshold: 0.02,
    westThreshold: 0.03,
    source: '关于建立贫困退出机制的意见（2016）：贫困县贫困发生率降至2%以下（西部地区降至3%以下）；综合贫困发生率按抽查的漏评率、错退率推算（POLICY.md §7）',
  },
  wrongExitRate: { threshold: 0.02, source: ASSESSMENT_2017 },
  missedRate: { threshold: 0.02, source: ASSESSMENT_2017 },
  approval: { threshold: 0.9, source: ASSESSMENT_2017 },
  westernRegions: ['15', '45', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65'],
  westernRegionsSource: '西部大开发范围的 12 个省区市（POLICY.md §7）；比照西部的州（湘西 4331、恩施 4228、延边 2224 等）由省级政策补充',
  noticeDays: 7,
  noticeDaysSource: '本地默认：摘帽县公示 7 天（与贫困户退出公示天数相同；国家文件未规定天数）',
};
