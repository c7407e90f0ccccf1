/** Chinese names of audit actions and outcomes, for the auditor's page and exports. Modules add theirs here. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'rectification.create': '登记整改问题',
  'rectification.start': '开始整改',
  'rectification.rectify': '报告整改完成',
  'rectification.verify_pass': '整改核验通过',
  'rectification.verify_fail': '整改核验未通过',
  'rectification.close': '整改问题销号',
  'rectification.lookback_pass': '回头看通过',
  'rectification.lookback_fail': '回头看未通过，重新整改',
  'plan.create': '新建工作计划',
  'task.progress': '报告工作任务进展',
  'supervision.leader': '指定督战领导',
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.lockout': '账户锁定',
  'auth.password_change': '修改密码',
  'access.refused': '越权访问被拒绝',
  'user.create': '创建用户',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.password_reset': '重置密码',
  'user.unlock': '解锁用户',
  'audit.export': '导出审计日志',
  'audit.prune': '清理过期审计日志',
  'household.update': '修改户信息',
  'member.add': '新增家庭成员',
  'member.update': '修改家庭成员信息',
  'person.reveal': '查看明文证件号码或电话',
  'registry.export': '导出建档立卡数据',
  'household.status_change': '程序办结，变更户状态',
  'procedure.start': '发起程序',
  'procedure.approve': '程序步骤通过',
  'procedure.return': '程序退回',
  'procedure.reject': '程序不予通过',
  'procedure.publish': '开始公示',
  'procedure.objection': '登记公示异议',
  'procedure.objection_resolve': '处理公示异议',
  'procedure.sample': '县级抽查抽样',
  'procedure.verify': '县级抽查核实',
  'procedure.spot_check_draw': '县级抽查抽取样本',
  'target.set': '设定减贫目标',
  'quality.survey': '登记三率一度抽样调查',
};

export const AUDIT_OUTCOME_LABELS: Record<string, string> = {
  success: '成功',
  failure: '失败',
  refused: '拒绝',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
