/**
 * Resident identity numbers (GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.
 * Old 15-digit numbers (6 + YYMMDD + 3) are converted by inserting "19" before the year.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdNumberResult =
  | { ok: true; idNumber: string; converted: boolean; sex: 'M' | 'F'; birthDate: string; addressCode: string }
  | { ok: false; reason: string };

/** The check character for the first 17 digits. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** 17 digits → the full 18-character number. */
export function completeIdNumber(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`需要17位数字：${first17}`);
  return first17 + checkCharacter(first17);
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/**
 * Validate (and normalise) an ID number. `today` bounds the birth date (not in the future).
 * Returns the 18-character form, sex and birth date, or a reason in Chinese.
 */
export function parseIdNumber(raw: string, today: Date = new Date()): IdNumberResult {
  return validIdNumber(raw, today) ?? parseIdNumberSlowly(raw, today);
}

/** today as YYYYMMDD (the local calendar date, as the general path compares it). */
const todayNumber = (today: Date) => today.getFullYear() * 10000 + (today.getMonth() + 1) * 100 + today.getDate();

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The digit at position i (no closure in the hot path: tsx names every closure it creates). */
function digitAt(text: string, i: number): number {
  return text.charCodeAt(i) - 48;
}

/**
 * The common case, read once per row of a million-row import: an already trimmed 18-character
 * number whose date, check character and birth date are all right. Anything else (blanks around
 * it, 15 digits, any fault) returns null and takes the general path, which gives the reason.
 */
function validIdNumber(text: string, today: Date): IdNumberResult | null {
  if (text.length !== 18) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return null;
    sum += digit * WEIGHTS[i];
  }
  const last = text.charCodeAt(17);
  // The check character as given: digit, X or x (x is upper-cased, as the general path does).
  const given = last === 88 || last === 120 ? 'X' : last >= 48 && last <= 57 ? text[17] : '';
  if (given === '' || CHECK[sum % 11] !== given) return null;
  const y = digitAt(text, 6) * 1000 + digitAt(text, 7) * 100 + digitAt(text, 8) * 10 + digitAt(text, 9);
  const m = digitAt(text, 10) * 10 + digitAt(text, 11);
  const d = digitAt(text, 12) * 10 + digitAt(text, 13);
  if (y < 1890 || m < 1 || m > 12 || d < 1) return null;
  const leap = m === 2 && (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
  if (d > DAYS_IN_MONTH[m] + (leap ? 1 : 0)) return null;
  if (y * 10000 + m * 100 + d > todayNumber(today)) return null;
  const idNumber = last === 120 ? text.slice(0, 17) + 'X' : text;
  const birthDate = `${text.slice(6, 10)}-${text.slice(10, 12)}-${text.slice(12, 14)}`;
  return { ok: true, idNumber, converted: false, sex: digitAt(text, 16) % 2 === 1 ? 'M' : 'F', birthDate, addressCode: text.slice(0, 6) };
}

/**
 * An ID number as typed or pasted: full-width digits and Ｘ (an IME's 全角 input) made half-width,
 * spaces anywhere (blanks, the ideographic space, a copied "4114 2619…") removed, a final x
 * upper-cased. Nothing else is changed: a letter or sign other than X stays and is refused.
 */
export function normaliseIdText(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, '')
    .toUpperCase();
}

/** The general path of parseIdNumber (every form, every reason); exported so tests can hold the fast path to it. */
export function parseIdNumberSlowly(raw: string, today: Date = new Date()): IdNumberResult {
  const text = normaliseIdText(raw);
  let id: string;
  let converted = false;
  if (/^\d{15}$/.test(text)) {
    const first17 = text.slice(0, 6) + '19' + text.slice(6);
    id = first17 + checkCharacter(first17);
    converted = true;
  } else if (/^\d{17}[\dX]$/.test(text)) {
    id = text;
  } else if (text === '') {
    return { ok: false, reason: '身份证号为空' };
  } else {
    return { ok: false, reason: `身份证号应为18位（最后一位可为X）或15位数字，实为${text.length}位` };
  }
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1890 || !isRealDate(y, m, d)) return { ok: false, reason: `出生日期 ${id.slice(6, 14)} 不是有效日期` };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  // The local calendar date: toISOString() would give yesterday before 08:00 in China.
  const todayText = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  if (birthDate > todayText) return { ok: false, reason: `出生日期 ${id.slice(6, 14)} 晚于今天` };
  if (!converted) {
    const expected = checkCharacter(id.slice(0, 17));
    if (id[17] !== expected) return { ok: false, reason: `校验位错误：应为 ${expected}，实为 ${id[17]}` };
  }
  const sex = Number(id[16]) % 2 === 1 ? 'M' : 'F';
  return { ok: true, idNumber: id, converted, sex, birthDate, addressCode: id.slice(0, 6) };
}

/** 411426********1234: the first 6 and last 4 characters, the rest hidden. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (!id) return id ?? null;
  if (id.length <= 10) return '*'.repeat(id.length);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

/** 138****5678: the first 3 and last 4 digits of a phone number. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** Age in whole years on a date (birthDate as YYYY-MM-DD). */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
