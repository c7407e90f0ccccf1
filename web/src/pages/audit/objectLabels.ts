/** Chinese names of the kinds of records audit events are about (the 对象 column): no code reaches the page. */
const OBJECT_LABELS: Record<string, string> = {
  household: '农户', person: '家庭成员', user: '用户', project: '项目', policy_record: '政策参数', loan: '小额信贷',
  rectification: '整改问题', procedure_case: '程序案件', procedure_evidence: '程序材料', procedure_notice: '公示公告', cadre: '帮扶干部',
  audit_event: '审计日志', work_task: '工作任务', work_plan: '工作计划', village: '村', spot_check_draw: '抽查', report: '报表',
  quality_survey: '满意度调查', pv_revenue: '光伏收益', place: '行政区划', job: '后台任务', import: '导入', fund_source: '资金来源',
  fund_disbursement: '资金拨付', fund_allocation: '资金分配', exit_target: '脱贫目标', assessment: '评估结果',
  accountability: '问责', assessment_scheme: '考核方案', bulletin: '通报', compare_batch: '比对数据批次', compare_hit: '比对疑点',
  compare_rule_set: '比对规则', compare_run: '比对任务', county_exit_case: '贫困县退出案件', county_recheck: '贫困县退出抽查',
  county_recheck_draw: '贫困县退出抽查抽样', inspection_round: '督查', ledger: '行业部门台账', ledger_record: '台账记录',
  month_report: '月度进展报告', month_snapshot: '月末快照', team_diary: '驻村工作日志', village_exit_case: '贫困村出列案件',
  village_record: '村情', village_team_member: '驻村工作队员',
};

/** "家庭成员 …", or 其他记录 for a kind not named yet (no code reaches the page). */
export function objectLabel(type: string | null, id: string | null): string {
  if (!type) return '—';
  return `${OBJECT_LABELS[type] ?? '其他记录'}${id ? ` ${id}` : ''}`;
}
