/**
 * Redaction of anything posted or printed for the public (公示 and the like, issue 25 item 5):
 * no 身份证号, 手机号, 银行账号 or health facts, whatever a cadre typed into a free-text field.
 * Digits are read after full-width ones are made half-width and separators inside a number
 * (spaces, hyphens) are allowed, so "138 1234 5678" and "４１１４…" are caught too. An office
 * landline with its area code (0898-1234567) is kept: it is how objections reach the village.
 */
const HIDDEN = '［已隐去］';

/** Words that state a health fact (illness, disability, treatment). */
export const HEALTH_TERMS = [
  '长期慢性病', '慢性病', '大病', '重病', '患有', '患病', '因病', '病情', '病症', '残疾', '因残', '残障', '肢体', '视力', '听力', '言语', '智力', '精神', '癌', '肿瘤', '白血病',
  '尿毒症', '透析', '瘫痪', '偏瘫', '中风', '脑梗', '心脏病', '糖尿病', '高血压', '肝炎', '肺结核', '艾滋', '住院', '手术', '化疗', '病',
] as const;

const halfWidth = (s: string) => s.replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

// A run of digits possibly broken by single spaces or hyphens, optionally ending in X.
const NUMBER_RUN = /\d(?:[\d\s\-\u3000]{0,40}\d)?[Xx]?/g;
const HEALTH = new RegExp(HEALTH_TERMS.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

type Kind = '身份证号' | '手机号' | '银行账号' | '健康信息';

/** What a number run is, if it is personal: an ID number, a mobile number, a bank account. */
function numberKind(run: string): Kind | null {
  const digits = run.replace(/[\s\-\u3000]/g, '');
  if (/^\d{17}[\dXx]$/.test(digits) || /^\d{15}$/.test(digits)) return '身份证号';
  if (/^1[3-9]\d{9}$/.test(digits)) return '手机号';
  if (/^(86)?1[3-9]\d{9}$/.test(digits)) return '手机号';
  if (/^\d{12,23}$/.test(digits) && !/^0\d{2,3}-?\d{7,8}$/.test(run.trim())) return '银行账号';
  return null;
}

/** The personal facts found in a public text, by kind (empty: safe to post). */
export function publicLeaks(text: string): Kind[] {
  const found = new Set<Kind>();
  for (const m of halfWidth(text).matchAll(NUMBER_RUN)) {
    const kind = numberKind(m[0]);
    if (kind) found.add(kind);
  }
  if (HEALTH.test(text)) found.add('健康信息');
  HEALTH.lastIndex = 0;
  return [...found];
}

/** The text with every ID number, mobile number, bank account and health fact replaced by ［已隐去］. */
export function redactPublicText(text: string): { text: string; hidden: number } {
  let hidden = 0;
  const numbersOut = halfWidth(text).replace(NUMBER_RUN, (run) => {
    if (!numberKind(run)) return run;
    hidden++;
    return HIDDEN;
  });
  const out = numbersOut.replace(HEALTH, () => {
    hidden++;
    return HIDDEN;
  });
  return { text: out, hidden };
}
