/** Strings of the 防止返贫致贫 pages (under `monitoring.prevention.`): Chinese, and English with the same keys. */
export const preventionZh = {
  menu: { screening: '防止返贫致贫对象', clocks: '纳入监测时限' },
  actions: { risk_elimination: '风险消除', risk_remark: '风险再标注', elimination_revert: '消除回退', reason: '原因（再标注、回退必填）', title: '办理' },
  title: '防止返贫致贫监测范围内的户（应纳尽纳，不设规模上限）', export: '导出Excel', showAll: '同时列出范围外的户', noneInRange: '本地区本年度没有监测范围内的户',
  counts: '共 {{households}} 户：范围内 {{inRange}} 户（脱贫不稳定户 {{unstable}}、边缘易致贫户 {{marginal}}、突发严重困难户 {{sudden}}），其中尚未纳入监测 {{notYetMonitored}} 户',
  householdNo: '户编号', head: '户主', kind: '类别', outside: '范围外', perCapita: '人均纯收入（元）', afterCosts: '扣除合规自付后（元）', monitored: '已纳入监测',
  yes: '是', no: '否', reason: '依据', costs: '自付支出', costsTitle: '{{no}} {{year}} 年自付支出', save: '保存', saved: '已保存',
  items: { medical_compliant: '合规自付医疗费用', medical_other: '目录外自费医疗费用', schooling_compliant: '合规自付教育费用', schooling_other: '其他教育支出' },
  whatIf: {
    title: '测算：调整监测范围或核算口径', policyId: '已保存的草稿编号（可选）', region: '适用地区代码', upper: '监测范围（元/人·年）', notice: '依据文件',
    deducted: '扣除的自付支出', run: '测算', result: '新纳入 {{entering}} 户，移出 {{leaving}} 户；范围内户数 {{before}} → {{after}}',
    change: '变化', before: '现行', after: '测算后', reasonBefore: '现行依据', reasonAfter: '测算后依据',
  },
  clocks: {
    title: '纳入监测办理时限（自发现线索起算）', none: '本地区没有纳入监测程序', caseId: '程序编号', clueOn: '发现日期', profile: '时限方案', step: '当前步骤', dueOn: '总时限至',
    remaining: '剩余', status: '状态', escalate: '督办层级', urgent: '先行帮扶', addUrgent: '登记先行帮扶', startedOn: '开始日期', cause: '紧急原因', measure: '措施',
    causes: { disaster: '自然灾害', accident: '意外事故', illness: '突发重病', other: '其他紧急情况' }, text: '说明',
  },
  profiles: {
    title: '本地区生效的时限方案', inForce: '采用', unit: '计日方式', calendar: '自然日', working: '工作日', total: '总时限', notice: '公示最少天数', steps: '步骤时限', source: '依据',
    formTitle: '新建时限方案草稿（保存后在“政策参数”中生效）', code: '方案代码', label: '方案名称', saveDraft: '保存草稿', draftSaved: '已保存草稿 {{id}}',
    stepLabels: { verification: '入户核实（承诺授权）', review_notice: '民主评议和公示', township_review: '乡镇初审', county_decision: '县级审定' },
  },
};

export const preventionEn: typeof preventionZh = {
  menu: { screening: 'Households to monitor', clocks: 'Monitoring-entry clock' },
  actions: { risk_elimination: 'Eliminate risk', risk_remark: 'Re-mark risk', elimination_revert: 'Revert elimination', reason: 'Reason (required to re-mark or revert)', title: 'Actions' },
  title: 'Households within the monitoring range (no cap)', export: 'Export Excel', showAll: 'Also list households outside the range', noneInRange: 'No household within the monitoring range here this year',
  counts: '{{households}} households: {{inRange}} in range ({{unstable}} unstable, {{marginal}} marginal, {{sudden}} sudden hardship), {{notYetMonitored}} not yet monitored',
  householdNo: 'Household', head: 'Head', kind: 'Kind', outside: 'Outside', perCapita: 'Per-capita income', afterCosts: 'After out-of-pocket costs', monitored: 'Monitored',
  yes: 'Yes', no: 'No', reason: 'Basis', costs: 'Costs', costsTitle: '{{no}} costs in {{year}}', save: 'Save', saved: 'Saved',
  items: { medical_compliant: 'Compliant medical costs', medical_other: 'Other medical costs', schooling_compliant: 'Compliant schooling costs', schooling_other: 'Other schooling costs' },
  whatIf: {
    title: 'What-if: another range or accounting basis', policyId: 'Saved draft id (optional)', region: 'Region code', upper: 'Range (yuan/person/year)', notice: 'Notice',
    deducted: 'Deducted costs', run: 'Run', result: '{{entering}} would enter, {{leaving}} would leave; in range {{before}} → {{after}}',
    change: 'Change', before: 'Now', after: 'Draft', reasonBefore: 'Basis now', reasonAfter: 'Basis under draft',
  },
  clocks: {
    title: 'Monitoring-entry clock (from the first clue)', none: 'No monitoring-entry case here', caseId: 'Case', clueOn: 'Clue on', profile: 'Profile', step: 'Step', dueOn: 'Due on',
    remaining: 'Remaining', status: 'Status', escalate: 'Escalated to', urgent: 'Urgent measures', addUrgent: 'Urgent measure', startedOn: 'Started on', cause: 'Cause', measure: 'Measure',
    causes: { disaster: 'Disaster', accident: 'Accident', illness: 'Sudden illness', other: 'Other' }, text: 'Note',
  },
  profiles: {
    title: 'Clock profiles in force here', inForce: 'In force', unit: 'Days', calendar: 'Calendar', working: 'Working', total: 'Total', notice: 'Notice minimum', steps: 'Steps', source: 'Source',
    formTitle: 'New clock profile draft (activate it under Policies)', code: 'Code', label: 'Name', saveDraft: 'Save draft', draftSaved: 'Draft {{id}} saved',
    stepLabels: { verification: 'Home verification (consent)', review_notice: 'Review and notice', township_review: 'Township review', county_decision: 'County decision' },
  },
};
