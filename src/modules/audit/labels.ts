/** Chinese names of audit actions and outcomes, for the auditor's page and exports. Modules add theirs here. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
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
};

export const AUDIT_OUTCOME_LABELS: Record<string, string> = {
  success: '成功',
  failure: '失败',
  refused: '拒绝',
};

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
}
