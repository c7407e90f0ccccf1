/** Chinese names of the kinds of records audit events are about (the 对象 column): no code reaches the page. */
const OBJECT_LABELS: Record<string, string> = {
  household: '农户', person: '家庭成员', user: '用户', project: '项目', policy_record: '政策参数', loan: '小额信贷',
  rectification: '整改问题', procedure_case: '程序案件', procedure_evidence: '程序材料', procedure_notice: '公示公告', cadre: '帮扶干部',
  audit_event: '审计日志', work_task: '工作任务', work_plan: '工作计划', village: '村', spot_check_draw: '抽查', report: '报表',
  quality_survey: '满意度调查', pv_revenue: '光伏收益', place: '行政区划', job: '后台任务', import: '导入', fund_source: '资金来源',
  fund_disbursement: '资金拨付', fund_allocation: '资金分配', exit_target: '脱贫目标', assessment: '评估结果',
};

/** "家庭成员 …", or the code itself for a kind not named yet. */
export function objectLabel(type: string | null, id: string | null): string {
  if (!type) return '—';
  return `${OBJECT_LABELS[type] ?? type}${id ? ` ${id}` : ''}`;
}
