/**
 * Enumerations of the registry (POLICY.md §2). Each value is a stable code stored in the
 * database; the Chinese label is what users see and what spreadsheets carry. Aliases are
 * other spellings found in real files (seed 001 writes 自身发展不足, for example).
 */
export interface EnumEntry {
  code: string;
  label: string;
  en: string;
  aliases?: string[];
}

export interface Enumeration {
  name: string;
  label: string;
  entries: readonly EnumEntry[];
}

function enumeration(name: string, label: string, entries: EnumEntry[]): Enumeration {
  return { name, label, entries };
}

export const householdAttribute = enumeration('householdAttribute', '贫困户属性', [
  { code: 'general', label: '一般贫困户', en: 'general', aliases: ['一般户', '一般'] },
  { code: 'dibao', label: '低保贫困户', en: 'subsistence allowance (dibao)', aliases: ['低保户', '低保'] },
  { code: 'tekun', label: '特困供养贫困户', en: 'extreme-poverty support (tekun)', aliases: ['特困户', '五保户', '五保', '特困供养', '五保贫困户'] },
]);

export const povertyCause = enumeration('povertyCause', '致贫原因', [
  { code: 'illness', label: '因病', en: 'illness', aliases: ['因病致贫'] },
  { code: 'disability', label: '因残', en: 'disability', aliases: ['因残致贫'] },
  { code: 'schooling', label: '因学', en: 'schooling costs', aliases: ['因学致贫'] },
  { code: 'disaster', label: '因灾', en: 'disaster', aliases: ['因灾致贫'] },
  { code: 'land', label: '缺土地', en: 'lack of land' },
  { code: 'water', label: '缺水', en: 'lack of water' },
  { code: 'skills', label: '缺技术', en: 'lack of skills' },
  { code: 'labour', label: '缺劳力', en: 'lack of labour' },
  { code: 'capital', label: '缺资金', en: 'lack of capital' },
  { code: 'transport', label: '交通条件落后', en: 'poor transport' },
  { code: 'motivation', label: '自身发展动力不足', en: 'lack of own drive', aliases: ['自身发展不足', '自身发展动力不足'] },
]);

export const householdStatus = enumeration('householdStatus', '户状态', [
  { code: 'poor', label: '未脱贫', en: 'poor', aliases: ['贫困户', '未脱贫户'] },
  { code: 'exited', label: '已脱贫', en: 'exited', aliases: ['脱贫户', '已脱贫户'] },
  { code: 'returned', label: '返贫', en: 'returned to poverty', aliases: ['返贫户'] },
  { code: 'monitored', label: '监测对象', en: 'monitored', aliases: ['防返贫监测对象'] },
  { code: 'risk_eliminated', label: '风险已消除', en: 'risk eliminated' },
  { code: 'not_poor', label: '非贫困', en: 'never poor', aliases: ['非贫困户'] },
  { code: 'deregistered', label: '注销', en: 'deregistered', aliases: ['已注销'] },
]);

export const monitorCategory = enumeration('monitorCategory', '监测对象类别', [
  { code: 'unstable', label: '脱贫不稳定户', en: 'unstable exited household' },
  { code: 'marginal', label: '边缘易致贫户', en: 'marginal household at risk' },
  { code: 'sudden', label: '突发严重困难户', en: 'sudden severe hardship' },
]);

export const relation = enumeration('relation', '与户主关系', [
  { code: 'head', label: '户主', en: 'head', aliases: ['本人'] },
  { code: 'spouse', label: '配偶', en: 'spouse', aliases: ['妻', '夫', '妻子', '丈夫'] },
  { code: 'son', label: '之子', en: 'son', aliases: ['子', '儿子', '长子', '次子'] },
  { code: 'daughter', label: '之女', en: 'daughter', aliases: ['女', '女儿', '长女', '次女'] },
  { code: 'daughter_in_law', label: '之儿媳', en: 'daughter-in-law', aliases: ['儿媳'] },
  { code: 'son_in_law', label: '之女婿', en: 'son-in-law', aliases: ['女婿'] },
  { code: 'grandson', label: '之孙子', en: 'grandson', aliases: ['孙子'] },
  { code: 'granddaughter', label: '之孙女', en: 'granddaughter', aliases: ['孙女'] },
  { code: 'father', label: '之父', en: 'father', aliases: ['父亲'] },
  { code: 'mother', label: '之母', en: 'mother', aliases: ['母亲'] },
  { code: 'sibling', label: '兄弟姐妹', en: 'sibling', aliases: ['兄弟', '姐妹'] },
  { code: 'other', label: '其他', en: 'other' },
]);

const ETHNIC_GROUPS = [
  '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
  '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
  '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
  '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
  '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
  '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
];

/** GB 3304: the 56 groups, coded 01–56 in the standard's order. */
export const ethnicity = enumeration(
  'ethnicity',
  '民族',
  ETHNIC_GROUPS.map((label, i) => ({
    code: String(i + 1).padStart(2, '0'),
    label,
    en: label,
    aliases: [label.replace(/族$/, '')],
  })),
);

export const education = enumeration('education', '文化程度', [
  { code: 'illiterate', label: '文盲或半文盲', en: 'illiterate', aliases: ['文盲', '半文盲'] },
  { code: 'primary', label: '小学', en: 'primary' },
  { code: 'junior', label: '初中', en: 'junior secondary' },
  { code: 'senior', label: '高中', en: 'senior secondary' },
  { code: 'vocational', label: '中专/中职', en: 'vocational secondary', aliases: ['中专', '中职', '中专（中职）'] },
  { code: 'college', label: '大专及以上', en: 'college and above', aliases: ['大专', '本科', '大学'] },
]);

export const schooling = enumeration('schooling', '在校生状况', [
  { code: 'preschool', label: '学前', en: 'pre-school', aliases: ['学前教育'] },
  { code: 'primary', label: '小学', en: 'primary school', aliases: ['在校小学生'] },
  { code: 'junior', label: '初中', en: 'junior secondary school', aliases: ['在校初中生'] },
  { code: 'senior', label: '高中', en: 'senior secondary school', aliases: ['在校高中生'] },
  { code: 'vocational', label: '中职', en: 'vocational school', aliases: ['中专'] },
  { code: 'college', label: '大专', en: 'college' },
  { code: 'university', label: '本科及以上', en: 'university and above', aliases: ['本科'] },
  { code: 'none', label: '非在校', en: 'not in school', aliases: ['非在校生', '不在校'] },
  { code: 'dropout', label: '失学/辍学', en: 'out of school (drop-out)', aliases: ['失学', '辍学', '失学或辍学'] },
]);

export const health = enumeration('health', '健康状况', [
  { code: 'healthy', label: '健康', en: 'healthy' },
  { code: 'chronic', label: '长期慢性病', en: 'chronic illness', aliases: ['慢性病'] },
  { code: 'serious', label: '患有大病', en: 'serious illness', aliases: ['大病'] },
  { code: 'disabled', label: '残疾', en: 'disabled' },
]);

export const labourCapacity = enumeration('labourCapacity', '劳动技能', [
  { code: 'ordinary', label: '普通劳动力', en: 'ordinary labour' },
  { code: 'skilled', label: '技能劳动力', en: 'skilled labour' },
  { code: 'weak', label: '弱劳动力或半劳动力', en: 'weak or half labour', aliases: ['弱劳动力', '半劳动力'] },
  { code: 'lost', label: '丧失劳动力', en: 'lost capacity to work' },
  { code: 'none', label: '无劳动力', en: 'no labour capacity' },
]);

export const workStatus = enumeration('workStatus', '务工状况', [
  { code: 'out_of_province', label: '省外务工', en: 'working outside the province' },
  { code: 'in_province', label: '省内县外务工', en: 'working in the province outside the county' },
  { code: 'in_county', label: '县内务工', en: 'working in the county' },
  { code: 'in_township', label: '乡镇内务工', en: 'working in the township' },
  { code: 'welfare_job', label: '公益岗位', en: 'public-welfare job', aliases: ['公益性岗位'] },
  { code: 'farming', label: '务农', en: 'farming' },
  { code: 'other', label: '其他', en: 'other' },
  { code: 'none', label: '无', en: 'none', aliases: ['未务工'] },
]);

export const houseGrade = enumeration('houseGrade', '住房安全等级', [
  { code: 'A', label: 'A级', en: 'A (safe)', aliases: ['A', '安全'] },
  { code: 'B', label: 'B级', en: 'B (basically safe)', aliases: ['B', '基本安全'] },
  { code: 'C', label: 'C级', en: 'C (partly dangerous)', aliases: ['C', '局部危险'] },
  { code: 'D', label: 'D级', en: 'D (dangerous)', aliases: ['D', '整体危险'] },
]);

export const sex = enumeration('sex', '性别', [
  { code: 'M', label: '男', en: 'male' },
  { code: 'F', label: '女', en: 'female' },
]);

export const leftBehind = enumeration('leftBehind', '三留守', [
  { code: 'child', label: '留守儿童', en: 'left-behind child' },
  { code: 'woman', label: '留守妇女', en: 'left-behind woman' },
  { code: 'elderly', label: '留守老人', en: 'left-behind elderly' },
  { code: 'disabled', label: '残疾人', en: 'disabled person' },
]);

export const ENUMERATIONS = {
  householdAttribute,
  povertyCause,
  householdStatus,
  monitorCategory,
  relation,
  ethnicity,
  education,
  schooling,
  health,
  labourCapacity,
  workStatus,
  houseGrade,
  sex,
  leftBehind,
} as const;

export type EnumName = keyof typeof ENUMERATIONS;

const lookupCache = new Map<Enumeration, Map<string, string>>();

function lookupTable(e: Enumeration): Map<string, string> {
  let table = lookupCache.get(e);
  if (!table) {
    table = new Map();
    for (const entry of e.entries) {
      table.set(entry.label, entry.code);
      table.set(entry.code, entry.code);
      for (const a of entry.aliases ?? []) if (!table.has(a)) table.set(a, entry.code);
    }
    lookupCache.set(e, table);
  }
  return table;
}

/** Code for a label, code or alias (surrounding blanks ignored); undefined when unknown. */
export function codeOf(e: Enumeration, text: string): string | undefined {
  return lookupTable(e).get(text.trim());
}

/** Chinese label for a stored code; the code itself when unknown. */
export function labelOf(e: Enumeration, code: string | null | undefined): string {
  if (code == null) return '';
  return e.entries.find((x) => x.code === code)?.label ?? code;
}

/** The labels a user may type, for error messages ("应为：一般贫困户、低保贫困户…"). */
export function allowedLabels(e: Enumeration): string {
  return e.entries.map((x) => x.label).join('、');
}
