/** Strings of the procedures pages (under `procedures.`): Chinese, and English with the same keys. */
export const zh = {
  menu: { todo: '我的待办', cases: '程序案件', notices: '公示公告', targets: '目标进度', quality: '三率一度', case: '案件详情', notice: '公示打印' },
  common: {
    total: '共 {{count}} 件', export: '导出 Excel', all: '全部', loading: '加载中…', none: '—', reload: '刷新', persons: '{{count}} 人',
    print: '打印', back: '返回', comment: '意见', commentPlaceholder: '办理意见（退回、否决时必填）', done: '已办理 {{count}} 件',
  },
  columns: {
    id: '案件号', procedure: '程序', householdNo: '户编号', head: '户主', place: '所在地', persons: '人数', step: '当前步骤', roles: '办理角色',
    status: '状态', notice: '公示期', objections: '未处理异议', updated: '更新时间', year: '年度', reason: '理由', cases: '案件数',
  },
  todo: {
    title: '我的待办', hint: '等待您的角色在您负责区域内办理的案件。勾选多件可一次通过或退回，每件各自留痕。',
    approve: '批量通过（{{count}} 件）', return: '批量退回（{{count}} 件）', returnTitle: '退回所选 {{count}} 件', returnReason: '退回理由',
    returnRequired: '请写明退回理由', publish: '发布公示（{{count}} 件）', draw: '县级抽查抽样', drawn: '{{place}} 抽样完成：{{sample}} / {{population}} 件抽中（种子 {{seed}}）',
    empty: '暂无待办案件',
  },
  list: {
    title: '程序案件', byStep: '办理中案件（按程序和步骤）', procedure: '程序', step: '步骤', status: '状态', household: '户编号', search: '查询',
    statuses: { in_progress: '办理中', completed: '已办结', rejected: '未通过' },
  },
  start: {
    button: '发起程序', title: '发起程序', procedure: '程序', household: '户编号', householdRequired: '请输入户编号', reason: '理由（可选）', comment: '说明（可选）',
    source: '发现来源', category: '监测对象类别', discoveredOn: '发现日期', submit: '发起', refused: '不能发起', started: '已发起第 {{id}} 号案件，按 {{year}} 年评估',
    yearNote: '按 {{year}} 年（页面顶部的业务年度）的收入和政策评估并办理；要办理其他年度，请先在页面顶部切换业务年度',
    sources: { self_application: '农户自主申报', cadre_discovery: '基层干部排查', department_warning: '部门筛查预警' },
  },
  case: {
    title: '{{procedure}} · 第 {{id}} 号', household: '户', year: '年度', status: '案件状态', place: '所在地', persons: '人数', reason: '理由', started: '发起时间',
    plan: '办理步骤', history: '办理记录', actions: '办理', waiting: '当前步骤「{{step}}」由{{roles}}办理', notMine: '当前步骤「{{step}}」由{{roles}}办理，您无需操作。',
    closed: '案件{{status}}，不能再办理。', evidence: '佐证材料', upload: '上传{{label}}', uploaded: '已上传', uploadFailed: '上传失败',
    seq: '序号', step: '步骤', result: '结果', actor: '办理人', time: '时间', files: '材料', sha: 'SHA-256', size: '大小',
    actionDone: '已办理：{{result}}', noticePeriod: '公示期 {{from}} 至 {{to}}', openNotice: '查看公示', card: '户档案',
    rejectConfirm: '确定对第 {{id}} 号案件不予通过？', rejectConfirmHint: '不予通过后案件即告终止，不能再办理；如只需补正材料，请用“退回”。',
    stoppedAt: '在此步骤终止（未通过）',
    action: { approve: '通过', return: '退回', reject: '不予通过', verify: '抽查核实', verifyPass: '抽查核实通过', verifyFail: '抽查核实不通过', publish: '发布公示', sample: '抽查抽样', object: '登记异议', resolve: '处理异议' },
  },
  publish: { title: '发布村内公示', startsOn: '公示开始日期', contact: '异议受理方式（单位、电话）', contactRequired: '请写明如何提出异议', published: '公示已发布（{{from}} 至 {{to}}）' },
  objection: {
    title: '异议登记', add: '登记异议', objector: '异议人', contact: '联系方式', receivedOn: '收到日期', content: '异议内容', status: '处理情况', resolution: '处理结果',
    dismiss: '异议不成立', uphold: '异议成立（退回）', resolveTitle: '处理异议', resolutionRequired: '请写明处理结果', open: '待处理', resolved: '已处理', none: '无异议',
    saved: '异议已登记', resolvedOk: '异议已处理', required: '必填',
  },
  notice: {
    title: '公示公告', village: '村', period: '公示期', households: '户数', openObjections: '未处理异议', view: '打印视图',
    heading: '{{village}}{{procedure}}公示', intro: '根据有关规定，经村民代表大会民主评议、村两委核实，现将以下拟{{procedure}}农户予以公示：',
    no: '序号', head: '户主姓名', size: '家庭人口', reason: '理由', periodLine: '公示期：{{from}} 至 {{to}}（{{days}} 天）。',
    objectLine: '如有异议，请在公示期内向以下单位反映（可实名或匿名，书面或口头）：{{contact}}', footer: '{{place}}　　{{date}}', empty: '暂无公示',
  },
  targets: {
    title: '减贫目标与进度', from: '起始年', to: '截止年', target: '目标', exited: '已脱贫', inProgress: '办理中', forecast: '预计', share: '完成率',
    behindNote: '{{count}} 个地区落后于计划（红色标出）', noneBehind: '没有落后于计划的地区',
    noTargets: '{{place}}及下级地区在所选年份没有减贫目标，无从判断进度。', total: '合计', monthly: '{{year}} 年逐月进度（{{place}}）',
    cumulative: '累计脱贫（程序办结）', planned: '按计划', monthPersons: '当月脱贫', recordedWithoutCase: '另有 {{count}} 人的脱贫记录无系统内程序（导入或早前登记）。',
    chartTitle: '{{year}} 年目标与完成（人）', year: '年度', month: '{{month}} 月', status: '进度',
    statuses: { met: '已完成', on_track: '按计划推进', behind: '落后于计划', planned: '尚未开始', no_target: '未设目标' },
  },
  quality: {
    title: '三率一度', year: '年度', remaining: '剩余贫困人口', surveys: '抽样调查次数', threshold: '标准', breached: '未达标', ok: '达标', noData: '无数据',
    breachNote: '{{count}} 个地区有指标未达标', noneBreached: '各地区指标均达标', chartTitle: '发生率、漏评率、错退率（%）与 2% 标准',
    noSurveys: '{{year}} 年尚无三率一度抽样调查，各项比率无法计算，也无从判断是否达标；录入抽样调查后这里显示各地区的比率和结论。',
    rates: { incidence: '综合贫困发生率', missedRate: '漏评率', wrongExitRate: '错退率', approval: '群众认可度' },
  },
};

export const en: typeof zh = {
  menu: { todo: 'My to-do', cases: 'Cases', notices: 'Public notices', targets: 'Targets', quality: 'Quality rates', case: 'Case', notice: 'Notice print' },
  common: {
    total: '{{count}} cases', export: 'Export Excel', all: 'All', loading: 'Loading…', none: '—', reload: 'Reload', persons: '{{count}} persons',
    print: 'Print', back: 'Back', comment: 'Comment', commentPlaceholder: 'Comment (required to return or reject)', done: '{{count}} cases done',
  },
  columns: {
    id: 'Case', procedure: 'Procedure', householdNo: 'Household no.', head: 'Head', place: 'Place', persons: 'Persons', step: 'Current step', roles: 'Acting role',
    status: 'Status', notice: 'Notice period', objections: 'Open objections', updated: 'Updated', year: 'Year', reason: 'Reason', cases: 'Cases',
  },
  todo: {
    title: 'My to-do list', hint: 'Cases waiting on your role within your area. Select several to approve or return them at once; each is recorded separately.',
    approve: 'Approve ({{count}})', return: 'Return ({{count}})', returnTitle: 'Return {{count}} cases', returnReason: 'Reason for returning',
    returnRequired: 'Give the reason for returning', publish: 'Publish notice ({{count}})', draw: 'Draw county spot check', drawn: '{{place}} drawn: {{sample}} of {{population}} sampled (seed {{seed}})',
    empty: 'Nothing waiting for you',
  },
  list: {
    title: 'Procedure cases', byStep: 'Open cases by procedure and step', procedure: 'Procedure', step: 'Step', status: 'Status', household: 'Household no.', search: 'Search',
    statuses: { in_progress: 'In progress', completed: 'Completed', rejected: 'Rejected' },
  },
  start: {
    button: 'Start procedure', title: 'Start a procedure', procedure: 'Procedure', household: 'Household no.', householdRequired: 'Enter the household number', reason: 'Reason (optional)', comment: 'Comment (optional)',
    source: 'Source', category: 'Monitoring category', discoveredOn: 'Discovered on', submit: 'Start', refused: 'Cannot start', started: 'Case {{id}} started, assessed for {{year}}',
    yearNote: 'Assessed and handled for {{year}} (the business year at the top of the page); switch the year there for another year',
    sources: { self_application: 'Household application', cadre_discovery: 'Cadre discovery', department_warning: 'Department warning' },
  },
  case: {
    title: '{{procedure}} · case {{id}}', household: 'Household', year: 'Year', status: 'Case status', place: 'Place', persons: 'Persons', reason: 'Reason', started: 'Started',
    plan: 'Steps', history: 'Step history', actions: 'Act', waiting: 'Step “{{step}}” is done by {{roles}}', notMine: 'Step “{{step}}” is done by {{roles}}; nothing for you to do.',
    closed: 'The case is {{status}} and cannot be acted on.', evidence: 'Evidence', upload: 'Upload {{label}}', uploaded: 'Uploaded', uploadFailed: 'Upload failed',
    seq: 'No.', step: 'Step', result: 'Result', actor: 'By', time: 'Time', files: 'Files', sha: 'SHA-256', size: 'Size',
    actionDone: 'Done: {{result}}', noticePeriod: 'Notice {{from}} to {{to}}', openNotice: 'Open notice', card: 'Household card',
    rejectConfirm: 'Reject case {{id}}?', rejectConfirmHint: 'A rejected case ends and cannot be handled further; to ask for corrections, use Return.',
    stoppedAt: 'Stopped here (rejected)',
    action: { approve: 'Approve', return: 'Return', reject: 'Reject', verify: 'Verify', verifyPass: 'Check passed', verifyFail: 'Check failed', publish: 'Publish notice', sample: 'Draw sample', object: 'Record objection', resolve: 'Resolve objection' },
  },
  publish: { title: 'Publish village notice', startsOn: 'Notice starts on', contact: 'How to object (office, phone)', contactRequired: 'Say how to object', published: 'Notice published ({{from}} to {{to}})' },
  objection: {
    title: 'Objections', add: 'Record objection', objector: 'Objector', contact: 'Contact', receivedOn: 'Received on', content: 'Content', status: 'Status', resolution: 'Resolution',
    dismiss: 'Not upheld', uphold: 'Upheld (return)', resolveTitle: 'Resolve objection', resolutionRequired: 'Give the resolution', open: 'Open', resolved: 'Resolved', none: 'No objections',
    saved: 'Objection recorded', resolvedOk: 'Objection resolved', required: 'Required',
  },
  notice: {
    title: 'Public notices', village: 'Village', period: 'Period', households: 'Households', openObjections: 'Open objections', view: 'Print view',
    heading: '{{village}}: public notice of {{procedure}}', intro: 'After the villagers’ representatives’ review and the village committees’ verification, the following households proposed for {{procedure}} are announced:',
    no: 'No.', head: 'Head of household', size: 'Household size', reason: 'Reason', periodLine: 'Notice period: {{from}} to {{to}} ({{days}} days).',
    objectLine: 'Objections may be raised within the period, named or anonymous, in writing or in person: {{contact}}', footer: '{{place}}　　{{date}}', empty: 'No notices',
  },
  targets: {
    title: 'Exit targets and progress', from: 'From', to: 'To', target: 'Target', exited: 'Exited', inProgress: 'In progress', forecast: 'Forecast', share: 'Done',
    behindNote: '{{count}} places behind plan (in red)',
    noTargets: 'No exit targets for {{place}} or the places under it in these years: progress cannot be judged.', noneBehind: 'No place is behind plan', total: 'Total', monthly: '{{year}} month by month ({{place}})',
    cumulative: 'Exited (cases completed)', planned: 'Plan', monthPersons: 'Exited in month', recordedWithoutCase: '{{count}} more persons recorded as exited without a case in the system (imported or earlier).',
    chartTitle: '{{year}} target and exits (persons)', year: 'Year', month: 'Month {{month}}', status: 'Progress',
    statuses: { met: 'Met', on_track: 'On track', behind: 'Behind plan', planned: 'Not started', no_target: 'No target' },
  },
  quality: {
    title: 'Quality rates (三率一度)', year: 'Year', remaining: 'Remaining poor', surveys: 'Surveys', threshold: 'Threshold', breached: 'Breached', ok: 'Met', noData: 'No data',
    breachNote: '{{count}} places breach a threshold', noneBreached: 'Every place meets the thresholds', chartTitle: 'Incidence, missed and wrong-exit rates (%) against 2%',
    noSurveys: 'No quality survey recorded for {{year}}: the rates cannot be computed or judged until surveys are recorded.',
    rates: { incidence: 'Poverty incidence', missedRate: 'Missed rate', wrongExitRate: 'Wrong-exit rate', approval: 'Approval' },
  },
};
