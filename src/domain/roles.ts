/**
 * Roles, permissions and department lines: domain data, not code paths. A route declares the
 * permission it needs (`requirePermission('registry.write')`); this table says which role has it.
 *
 * 三员分立: the system administrator manages ordinary accounts and the system but holds no
 * audit permission; the security administrator locks/unlocks accounts and reviews the audit
 * trail; the auditor only reads (audit trail, user list). Accounts of these three roles are
 * created and reset from the server console (`fupin user …`), not through the web API.
 */

export const PERMISSIONS = {
  'registry.read': '查看建档立卡数据',
  'registry.write': '修改建档立卡数据',
  'registry.import': '导入建档立卡数据',
  'registry.export': '导出建档立卡数据',
  'person.reveal': '查看完整身份证号和电话',
  'places.read': '查看行政区划',
  'places.manage': '维护行政区划',
  'dashboard.read': '查看统计看板',
  'ledger.write': '维护工作任务台账和问题整改台账',
  'supervision.manage': '指定督战领导、交办督战发现问题',
  'policy.read': '查看政策参数',
  'policy.manage': '维护政策参数',
  'monitoring.recompute': '启动重新评估（按政策重算两不愁三保障和风险等级）',
  'assistance.write': '记录帮扶走访和措施',
  'assistance.manage': '管理帮扶干部、结对帮扶和驻村工作队',
  'users.read': '查看用户',
  'users.manage': '创建用户、重置密码、停用和解锁普通用户',
  'users.lock': '停用、启用和解锁任何用户',
  'audit.read': '查看审计日志',
  'audit.export': '导出审计日志',
  'procedures.act': '办理退出、识别、纳入监测和风险消除程序',
  'targets.manage': '维护年度减贫目标和三率一度抽样调查',
  'funds.read': '查看项目库、扶贫资金和小额信贷',
  'funds.write': '维护项目库、登记资金分配拨付和小额信贷',
  'rhythm.submit': '上报本乡镇、本县的月度进展报告',
  'rhythm.review': '签收或退回下级上报的月度进展报告',
  'compare.read': '查看大数据比对疑点和报表',
  'compare.import': '导入和查看部门比对数据',
  'compare.run': '启动大数据比对',
  'compare.act': '办理比对疑点（下发、村核实、乡镇审核、县确认）',
} as const;

export type Permission = keyof typeof PERMISSIONS;

export type PlaceLevelName = 'nation' | 'province' | 'city' | 'county' | 'township' | 'village';

export const PLACE_LEVEL_LABELS: Record<PlaceLevelName, string> = { nation: '全国', province: '省', city: '市', county: '县', township: '乡镇', village: '村' };

export interface RoleDefinition {
  label: string;
  labelEn: string;
  permissions: Permission[];
  /** The place levels a user of this role may be scoped to. */
  scopeLevels: PlaceLevelName[];
  /** Administrative roles of 三员分立: managed from the console only. */
  privileged?: boolean;
}

const ABOVE_VILLAGE: PlaceLevelName[] = ['nation', 'province', 'city', 'county', 'township'];
const ANY_LEVEL: PlaceLevelName[] = [...ABOVE_VILLAGE, 'village'];
const OPERATOR: Permission[] = ['registry.read', 'registry.write', 'registry.export', 'person.reveal', 'places.read', 'dashboard.read', 'policy.read', 'assistance.write', 'assistance.manage', 'ledger.write', 'procedures.act', 'funds.read', 'compare.read', 'compare.act'];

const ROLE_TABLE = {
  sys_admin: {
    label: '系统管理员',
    labelEn: 'System administrator',
    permissions: ['users.read', 'users.manage', 'places.read', 'places.manage', 'policy.read'],
    scopeLevels: ABOVE_VILLAGE,
    privileged: true,
  },
  security_admin: {
    label: '安全管理员',
    labelEn: 'Security administrator',
    permissions: ['users.read', 'users.lock', 'audit.read', 'audit.export', 'places.read'],
    scopeLevels: ABOVE_VILLAGE,
    privileged: true,
  },
  auditor: {
    label: '安全审计员',
    labelEn: 'Auditor',
    permissions: ['users.read', 'audit.read', 'audit.export', 'places.read'],
    scopeLevels: ABOVE_VILLAGE,
    privileged: true,
  },
  county_operator: {
    label: '县级业务员',
    labelEn: 'County operator',
    permissions: [...OPERATOR, 'registry.import', 'supervision.manage', 'targets.manage', 'funds.write', 'monitoring.recompute', 'rhythm.submit', 'compare.import', 'compare.run'],
    scopeLevels: ['county'],
  },
  township_operator: {
    label: '乡镇业务员',
    labelEn: 'Township operator',
    permissions: [...OPERATOR, 'registry.import', 'monitoring.recompute', 'rhythm.submit'],
    scopeLevels: ['township'],
  },
  village_operator: {
    label: '村级信息员',
    labelEn: 'Village operator',
    permissions: OPERATOR,
    scopeLevels: ['village'],
  },
  department_operator: {
    label: '行业部门业务员',
    labelEn: 'Department operator',
    permissions: ['registry.read', 'registry.export', 'places.read', 'dashboard.read', 'policy.read', 'ledger.write', 'supervision.manage', 'procedures.act', 'funds.read', 'compare.read', 'compare.import'],
    scopeLevels: ['province', 'city', 'county'],
  },
  leader: {
    label: '领导（只读）',
    labelEn: 'Leader (read-only)',
    permissions: ['registry.read', 'places.read', 'dashboard.read', 'policy.read', 'funds.read', 'rhythm.review'],
    scopeLevels: ANY_LEVEL,
  },
  pairing_cadre: {
    label: '帮扶干部',
    labelEn: 'Pairing cadre',
    permissions: ['registry.read', 'places.read', 'assistance.write'],
    scopeLevels: ['county', 'township', 'village'],
  },
  policy_admin: {
    label: '政策管理员',
    labelEn: 'Policy administrator',
    permissions: ['policy.read', 'policy.manage', 'places.read', 'dashboard.read', 'monitoring.recompute'],
    scopeLevels: ['nation', 'province', 'city', 'county'],
  },
} satisfies Record<string, RoleDefinition>;

export type Role = keyof typeof ROLE_TABLE;

export const ROLES: Record<Role, RoleDefinition> = ROLE_TABLE;

export const ROLE_CODES = Object.keys(ROLES) as Role[];

/** 行业部门 (line of work of a department operator). */
export const DEPARTMENT_LINES = {
  education: '教育',
  health: '卫生健康',
  medical_security: '医疗保障',
  housing: '住房城乡建设',
  water: '水利',
  civil_affairs: '民政',
  human_resources: '人力资源社会保障',
  agriculture: '农业农村',
  finance: '财政',
  disabled_persons: '残联',
} as const;

export type DepartmentLine = keyof typeof DEPARTMENT_LINES;

export function isRole(code: string): code is Role {
  return Object.prototype.hasOwnProperty.call(ROLES, code);
}

export function isDepartmentLine(code: string): code is DepartmentLine {
  return Object.prototype.hasOwnProperty.call(DEPARTMENT_LINES, code);
}

/**
 * Lines of work that need members' health data (健康状况, 残疾等级, 慢病卡): health care, medical
 * insurance, civil affairs (低保 and 特困 turn on illness and disability) and the disabled
 * persons' federation. A department operator of any other line sees those fields withheld
 * (minimum necessary: health and disability are sensitive personal data).
 */
export const HEALTH_DATA_LINES: readonly DepartmentLine[] = ['health', 'medical_security', 'civil_affairs', 'disabled_persons'];

/** True when the user's line of work keeps members' health data from him (department operators outside HEALTH_DATA_LINES). */
export function withholdsHealthData(user: { role: string; departmentLine: string | null }): boolean {
  return user.role === 'department_operator' && !(HEALTH_DATA_LINES as readonly string[]).includes(user.departmentLine ?? '');
}

export function roleHas(role: string, permission: Permission): boolean {
  return isRole(role) && ROLES[role].permissions.includes(permission);
}

/** The Chinese name of a role (the code itself for an unknown one). */
export function roleLabel(role: string): string {
  return isRole(role) ? ROLES[role].label : role;
}

export function permissionsOf(role: string): Permission[] {
  return isRole(role) ? [...ROLES[role].permissions] : [];
}

/** Level name of a scope code ('0' is the nation). */
export function placeLevelName(code: string): PlaceLevelName | null {
  const byLength: Record<number, PlaceLevelName> = { 2: 'province', 4: 'city', 6: 'county', 9: 'township', 12: 'village' };
  if (code === '0') return 'nation';
  if (!/^\d+$/.test(code)) return null;
  return byLength[code.length] ?? null;
}
