/** Strings of the monitoring pages and of the household checklist (under `monitoring.`): Chinese, and English with the same keys. */
import { preventionEn, preventionZh } from './preventionMessages';
export const zh = {
  prevention: preventionZh,
  menu: { overview: '监测总览', list: '评估结果名单', targets: '监测规模与产业增收' },
  targets: {
    title: '监测规模与产业增收目标', year: '年度', chooseYear: '请先选择年度（按业务年度统计，不默认当前年份）', export: '导出Excel',
    capTitle: '监测对象规模（2020 年规则：一般不超过建档立卡人口的 5%，深度贫困县 10%；2021 年起不设上限）',
    overCap: '{{count}} 个县监测对象超过比例上限', county: '县', registered: '建档立卡人口', monitored: '监测对象人数', cap: '比例上限',
    noCap: '不设上限', deep: '（深度贫困县）', overHeader: '是否超过', over: '超过上限', within: '未超过', reason: '说明',
    industryTitle: '产业增收目标（有产业扶持的未脱贫户人均产业收入）',
    industryTotals: '有产业扶持的户 {{supported}} 户：达到目标 {{meeting}} 户，未达到 {{short}} 户，缺收入记录 {{noIncome}} 户',
    place: '地区', supported: '有产业扶持的户', meeting: '达到目标', short: '未达到', noIncome: '缺收入记录',
    shortList: '未达到或不能判定的户', householdNo: '户编号', head: '户主',
  },
  grades: { red: '红色', yellow: '黄色', green: '绿色', undetermined: '待核实' },
  outcomes: { meets: '达到脱贫标准', does_not_meet: '未达到脱贫标准', undetermined: '待核实' },
  criteria: { income: '收入', food: '不愁吃', clothing: '不愁穿', education: '义务教育', medical: '基本医疗', housing: '住房安全', water: '饮水安全' },
  status: { pass: '达标', fail: '未达标', undetermined: '待核实' },
  riskTypes: {
    illness: '因病', disability: '因残', schooling: '因学', disaster: '因灾', accident: '因意外事故', industry_failure: '因产业失败',
    unstable_employment: '因务工就业不稳', sudden_event: '因突发事件', unstable_income: '收入来源不稳定或不可持续',
  },
  categories: { unstable: '脱贫不稳定户', marginal: '边缘易致贫户', sudden: '突发严重困难户' },
  reasons: {
    income_not_above_line: '收入未超过贫困线', criterion_failed: '两不愁三保障或饮水未达标', serious_event: '发生严重风险事件',
    income_below_monitoring_line: '收入低于监测线', income_fall: '收入大幅下降', open_risk: '存在未消除风险',
    relative_exit_short: '未达到相对贫困退出收入',
  },
  overview: {
    title: '监测总览', year: '{{year}} 年', noYear: '尚无评估结果', computedAt: '评估时间 {{time}}', households: '评估户数', persons: '人数',
    byGrade: '按风险等级', byPlace: '按下级地区', place: '地区', total: '合计', perPersons: '{{count}} 人', openList: '查看名单',
    suggested: '建议纳入监测（尚未纳入）', drillHint: '点击图中柱子或表中地区名称查看下级；点击户数查看名单', up: '返回上级', policy: '政策版本',
    empty: '该地区 {{year}} 年暂无评估结果。可点击“重新评估”生成。',
    emptyAsk: '该地区 {{year}} 年暂无评估结果：评估结果由县、乡镇业务员在监测总览点击“重新评估”生成，请联系他们。',
  },
  list: {
    title: '评估结果名单', grade: '风险等级', failing: '未达标指标', outcome: '评估结果', suggested: '建议监测类别', all: '全部', export: '导出 Excel',
    total: '共 {{count}} 户', householdNo: '户编号', head: '户主', place: '所在地', persons: '人数', perCapitaNet: '人均纯收入(元)', reasons: '风险原因',
    back: '返回总览',
    noResults: '{{year}} 年尚无评估结果，名单为空：请先在监测总览“重新评估”。', filteredEmpty: '没有符合筛选条件的农户',
  },
  recompute: {
    button: '重新评估', confirm: '按现行政策重新评估{{place}}全部农户的 {{year}} 年情况？', running: '正在重新评估…', done: '重新评估完成：{{message}}', failed: '重新评估失败：{{message}}',
    started: '已开始重新评估（任务 {{id}}）',
  },
  checklist: {
    title: '两不愁三保障评估', year: '{{year}} 年', asOf: '评估基准日 {{date}}', criterion: '指标', status: '结果', values: '读取的数据', reason: '说明',
    outcome: '评估结论', grade: '风险等级', gradeReasons: '风险原因', noReasons: '无', suggestion: '建议', policy: '政策版本', persons: '人口 {{count}} 人',
    stored: '已保存的结果：{{outcome}}，{{grade}}（{{time}}）', stale: '记录已改动，已保存的结果不是最新的，请重新评估', current: '已保存的结果与当前数据一致',
    noStored: '尚未保存评估结果', missing: '缺少：{{fields}}', editFacts: '修改两不愁、住房、饮水数据', recompute: '重新评估本村',
  },
  facts: {
    title: '修改评估数据（两不愁、住房、饮水、风险）', food: '不愁吃', clothing: '不愁穿', houseGrade: '住房安全等级', renovated: '已危房改造', relocated: '已易地搬迁',
    lpd: '人均日用水量（升）', quality: '水质达标', piped: '自来水入户', trip: '取水往返时间（分钟）', outage: '年累计断水天数（保证率）', scarce: '缺水地区',
    horizontal: '取水水平距离（米）', vertical: '取水垂直距离（米）', openRisks: '未消除风险类型', yes: '是', no: '否', unknown: '未填', saved: '评估数据已保存', noChanges: '没有改动',
  },
  income: {
    add: '登记收入', edit: '修改', remove: '删除', title: '{{year}} 年收入', year: '年度', wages: '工资性收入', productionNet: '生产经营性净收入', property: '财产性收入',
    transfer: '转移性收入', productionCost: '生产经营性支出', householdSize: '家庭人口（空则按成员数）', saved: '{{year}} 年收入已保存', removed: '{{year}} 年收入已删除',
    confirmRemove: '删除 {{year}} 年收入记录？',
  },
  events: {
    title: '风险事件', add: '登记风险事件', type: '风险类型', occurredOn: '发生日期', cost: '刚性支出（元）', note: '说明', saved: '风险事件已登记', empty: '暂无风险事件',
    remove: '撤销', removeTitle: '撤销风险事件', removeReason: '撤销原因', removeHint: '仅用于撤销误登记的事件；撤销后下次重新评估时不再计入，撤销原因记入审计日志。', removed: '风险事件已撤销', actions: '操作',
  },
  values: {
    year: '年度', line: '标准（元）', perCapitaNet: '人均纯收入（元）', householdSize: '人口', previousPerCapitaNet: '上年人均纯收入', previousLine: '上年标准',
    litresPerDay: '人均日用水量（升）', qualityOk: '水质达标', piped: '自来水入户', tripMinutes: '取水往返（分钟）', horizontalMetres: '水平距离（米）',
    verticalMetres: '垂直距离（米）', outageDays: '断水天数', scarceArea: '缺水地区', guaranteeRate: '供水保证率', grade: '住房等级', renovated: '危房改造', relocated: '易地搬迁',
    members: '成员', insuredBasic: '参加基本医保', insuredSerious: '参加大病保险', familyDoctor: '家庭医生签约', chronicCard: '慢病卡', foodSecure: '不愁吃', clothingSecure: '不愁穿',
    childrenOfCompulsoryAge: '义务教育阶段成员', ageFrom: '起始年龄', ageTo: '截止年龄', asOf: '基准日', wages: '工资性收入',
    productionNet: '生产经营性净收入', property: '财产性收入', transfer: '转移性收入', productionCost: '生产经营性支出', scale: '评价标准', requiredLevel: '要求等级',
  },
};

export const en: typeof zh = {
  prevention: preventionEn,
  menu: { overview: 'Monitoring overview', list: 'Assessed households', targets: 'Monitoring scale and industry income' },
  targets: {
    title: 'Monitoring scale and industry income target', year: 'Year', chooseYear: 'Choose a year first (reports are by business year, never the current year by default)', export: 'Export Excel',
    capTitle: 'Monitored households against the cap (2020 rules: about 5% of registered persons, 10% in deep-poverty counties; no cap from 2021)',
    overCap: '{{count}} counties over the cap', county: 'County', registered: 'Registered persons', monitored: 'Monitored persons', cap: 'Cap',
    noCap: 'No cap', deep: ' (deep poverty)', overHeader: 'Over', over: 'Over the cap', within: 'Within', reason: 'Explanation',
    industryTitle: 'Industry income target (per person, poor households with industry support)',
    industryTotals: '{{supported}} households supported: {{meeting}} meet the target, {{short}} short, {{noIncome}} without income record',
    place: 'Place', supported: 'Supported', meeting: 'Meeting', short: 'Short', noIncome: 'No income record',
    shortList: 'Households short of the target or undetermined', householdNo: 'Household no.', head: 'Head',
  },
  grades: { red: 'Red', yellow: 'Yellow', green: 'Green', undetermined: 'To verify' },
  outcomes: { meets: 'Meets the exit standard', does_not_meet: 'Does not meet the standard', undetermined: 'To verify' },
  criteria: { income: 'Income', food: 'Food', clothing: 'Clothing', education: 'Education', medical: 'Medical care', housing: 'Housing', water: 'Drinking water' },
  status: { pass: 'Pass', fail: 'Fail', undetermined: 'To verify' },
  riskTypes: {
    illness: 'Illness', disability: 'Disability', schooling: 'Schooling costs', disaster: 'Disaster', accident: 'Accident', industry_failure: 'Failed business',
    unstable_employment: 'Unstable employment', sudden_event: 'Sudden event', unstable_income: 'Unstable income',
  },
  categories: { unstable: 'Unstable exited household', marginal: 'Marginal household at risk', sudden: 'Sudden severe hardship' },
  reasons: {
    income_not_above_line: 'Income not above the poverty line', criterion_failed: 'A basic need or water not met', serious_event: 'Serious risk event',
    income_below_monitoring_line: 'Income below the monitoring line', income_fall: 'Sharp fall in income', open_risk: 'Risk not yet eliminated',
    relative_exit_short: 'Short of the relative-poverty exit income',
  },
  overview: {
    title: 'Monitoring overview', year: 'Year {{year}}', noYear: 'No assessment yet', computedAt: 'Assessed {{time}}', households: 'Households assessed', persons: 'Persons',
    byGrade: 'By risk grade', byPlace: 'By place below', place: 'Place', total: 'Total', perPersons: '{{count}} persons', openList: 'Open list',
    suggested: 'Suggested for monitoring (not yet monitored)', drillHint: 'Click a bar or a place name to drill down; click a count to open the list', up: 'Up one level', policy: 'Policy versions',
    empty: 'No assessment results here for {{year}}. Click “Recompute” to produce them.',
    emptyAsk: 'No assessment results here for {{year}}: county and township operators produce them with “Recompute” on the overview.',
  },
  list: {
    title: 'Assessed households', grade: 'Risk grade', failing: 'Failing criterion', outcome: 'Outcome', suggested: 'Suggested category', all: 'All', export: 'Export to Excel',
    total: '{{count}} households', householdNo: 'Household no.', head: 'Head', place: 'Place', persons: 'Persons', perCapitaNet: 'Net income per head (yuan)', reasons: 'Risk reasons',
    back: 'Back to overview',
    noResults: 'No assessment results for {{year}}: recompute on the overview first.', filteredEmpty: 'No household matches the filters',
  },
  recompute: {
    button: 'Recompute', confirm: 'Recompute every household of {{place}} for {{year}} under the current policy?', running: 'Recomputing…', done: 'Recompute finished: {{message}}', failed: 'Recompute failed: {{message}}',
    started: 'Recompute started (job {{id}})',
  },
  checklist: {
    title: 'Assessment checklist', year: 'Year {{year}}', asOf: 'As of {{date}}', criterion: 'Criterion', status: 'Result', values: 'Values read', reason: 'Reason',
    outcome: 'Outcome', grade: 'Risk grade', gradeReasons: 'Risk reasons', noReasons: 'None', suggestion: 'Suggestion', policy: 'Policy versions', persons: '{{count}} persons',
    stored: 'Stored result: {{outcome}}, {{grade}} ({{time}})', stale: 'The records changed: the stored result is out of date, recompute it', current: 'The stored result matches the current records',
    noStored: 'No stored result yet', missing: 'Missing: {{fields}}', editFacts: 'Edit basic needs, housing and water', recompute: 'Recompute this village',
  },
  facts: {
    title: 'Edit assessment data (basic needs, housing, water, risks)', food: 'Enough food', clothing: 'Enough clothing', houseGrade: 'House safety grade', renovated: 'Renovated', relocated: 'Relocated',
    lpd: 'Water per person per day (L)', quality: 'Water quality OK', piped: 'Piped water', trip: 'Round trip to fetch water (min)', outage: 'Days without water a year (guarantee)', scarce: 'Water-scarce area',
    horizontal: 'Horizontal distance to water (m)', vertical: 'Vertical distance to water (m)', openRisks: 'Open risk types', yes: 'Yes', no: 'No', unknown: 'Not recorded', saved: 'Assessment data saved', noChanges: 'Nothing changed',
  },
  income: {
    add: 'Add income', edit: 'Edit', remove: 'Delete', title: 'Income {{year}}', year: 'Year', wages: 'Wages', productionNet: 'Net production income', property: 'Property income',
    transfer: 'Transfers', productionCost: 'Production costs', householdSize: 'Household size (blank: members)', saved: 'Income {{year}} saved', removed: 'Income {{year}} deleted',
    confirmRemove: 'Delete the income record of {{year}}?',
  },
  events: {
    title: 'Risk events', add: 'Add risk event', type: 'Risk type', occurredOn: 'Date', cost: 'Rigid expenditure (yuan)', note: 'Note', saved: 'Risk event added', empty: 'No risk events',
    remove: 'Withdraw', removeTitle: 'Withdraw risk event', removeReason: 'Reason', removeHint: 'Only for an event entered by mistake: it no longer counts from the next recompute; the reason goes to the audit trail.', removed: 'Risk event withdrawn', actions: 'Actions',
  },
  values: {
    year: 'Year', line: 'Line (yuan)', perCapitaNet: 'Net income per head (yuan)', householdSize: 'Persons', previousPerCapitaNet: 'Last year per head', previousLine: 'Last year line',
    litresPerDay: 'Litres per person per day', qualityOk: 'Quality OK', piped: 'Piped', tripMinutes: 'Round trip (min)', horizontalMetres: 'Horizontal (m)',
    verticalMetres: 'Vertical (m)', outageDays: 'Days without water', scarceArea: 'Water-scarce area', guaranteeRate: 'Supply guarantee', grade: 'House grade', renovated: 'Renovated', relocated: 'Relocated',
    members: 'Members', insuredBasic: 'Basic insurance', insuredSerious: 'Serious-illness insurance', familyDoctor: 'Family doctor', chronicCard: 'Chronic card', foodSecure: 'Food', clothingSecure: 'Clothing',
    childrenOfCompulsoryAge: 'Children of compulsory-school age', ageFrom: 'Age from', ageTo: 'Age to', asOf: 'As of', wages: 'Wages',
    productionNet: 'Net production income', property: 'Property income', transfer: 'Transfers', productionCost: 'Production costs', scale: 'Scale', requiredLevel: 'Required level',
  },
};
