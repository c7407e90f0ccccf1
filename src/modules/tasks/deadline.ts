/**
 * 完成时限 as plans write it — "3月底前…；6月底前…；9月底前…", "4月底前竣工入住",
 * "3—5月发动“春季攻势”，2019年底完成，并长期坚持", "2019-06-30" — read as the last date it
 * names (the task's deadline) and whether the task is to be kept up (长期坚持). Dates without a
 * year are in the plan's year. Pure.
 */

export interface Deadline {
  /** The last date the text names, 'YYYY-MM-DD'. */
  date: string;
  /** 长期坚持: the work goes on after the deadline. */
  ongoing: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

function lastDay(year: number, month: number): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

function realDate(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const text = `${year}-${pad(month)}-${pad(day)}`;
  return new Date(text + 'T00:00:00Z').toISOString().startsWith(text) ? text : null;
}

const PATTERNS: { re: RegExp; read: (m: RegExpExecArray, year: number) => string | null }[] = [
  { re: /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/y, read: (m) => realDate(Number(m[1]), Number(m[2]), Number(m[3])) },
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月(?:底|末|份)?/y, read: (m) => (Number(m[2]) >= 1 && Number(m[2]) <= 12 ? lastDay(Number(m[1]), Number(m[2])) : null) },
  { re: /(\d{4})\s*年(?:底|末)/y, read: (m) => `${m[1]}-12-31` },
  { re: /(\d{1,2})\s*[—–\-~～至到]+\s*(\d{1,2})\s*月(?:底|末|份)?/y, read: (m, year) => (Number(m[2]) >= 1 && Number(m[2]) <= 12 ? lastDay(year, Number(m[2])) : null) },
  { re: /(\d{1,2})\s*月\s*(\d{1,2})\s*日/y, read: (m, year) => realDate(year, Number(m[1]), Number(m[2])) },
  { re: /(\d{1,2})\s*月(?:底|末|份)?/y, read: (m, year) => (Number(m[1]) >= 1 && Number(m[1]) <= 12 ? lastDay(year, Number(m[1])) : null) },
  { re: /年(?:底|末)/y, read: (_m, year) => `${year}-12-31` },
];

/** The deadline a 完成时限 text names, or null when it names no date. */
export function parseDeadline(text: string, planYear: number): Deadline | null {
  const flat = text.replace(/\s+/g, '');
  let best: string | null = null;
  for (let i = 0; i < flat.length; ) {
    let matched = 0;
    for (const { re, read } of PATTERNS) {
      re.lastIndex = i;
      const m = re.exec(flat);
      if (!m) continue;
      const date = read(m, planYear);
      if (date && (best === null || date > best)) best = date;
      matched = m[0].length;
      break;
    }
    i += matched || 1;
  }
  return best === null ? null : { date: best, ongoing: /长期坚持|长期|常态化/.test(flat) };
}
