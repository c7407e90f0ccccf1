/**
 * Place codes (行政区划代码): '0' the nation, then 2 digits a province, 4 a city, 6 a county,
 * 9 a township, 12 a village. The one pattern, message and zod schema every module validates
 * a place code with; a field that takes only some levels builds its schema with `placeCodeOf`.
 */
import { z } from 'zod';

/** The nation's code. */
export const NATION_CODE = '0';

/** Code lengths of the levels, province (1) to village (5). */
export const PLACE_CODE_LENGTHS = [2, 4, 6, 9, 12] as const;

/** A place code of any level, the nation included. */
export const PLACE_CODE_PATTERN = /^(0|\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

export const PLACE_CODE_MESSAGE = '地区代码应为 0（全国）或 2/4/6/9/12 位数字';

/** A place code of any level, the nation ('0') included. */
export const placeCodeSchema = z.string().regex(PLACE_CODE_PATTERN, PLACE_CODE_MESSAGE);

/**
 * A place code of only some levels (by code length; 0 the nation), with the message naming
 * them: `placeCodeOf([6, 9, 12], '挂牌督战对象')` → '挂牌督战对象应为县（6 位）、乡镇（9 位）或村（12 位）代码'.
 */
export function placeCodeOf(lengths: readonly (0 | 2 | 4 | 6 | 9 | 12)[], what = '地区代码'): z.ZodString {
  const names: Record<number, string> = { 0: '0（全国）', 2: '省（2 位）', 4: '市（4 位）', 6: '县（6 位）', 9: '乡镇（9 位）', 12: '村（12 位）' };
  const pattern = new RegExp(`^(${lengths.map((n) => (n === 0 ? '0' : `\\d{${n}}`)).join('|')})$`);
  const listed = lengths.map((n) => names[n]);
  const text = listed.length > 1 ? `${listed.slice(0, -1).join('、')}或${listed[listed.length - 1]}` : listed[0];
  return z.string().regex(pattern, `${what}应为${text}代码`);
}

/** True for a well-formed place code of any level (the nation included). */
export const isPlaceCode = (code: string): boolean => PLACE_CODE_PATTERN.test(code);

/** Codes of a place and its ancestors, province first ('0' and the empty code: none). */
export function pathCodes(code: string): string[] {
  return PLACE_CODE_LENGTHS.filter((n) => n <= code.length).map((n) => code.slice(0, n));
}

/** The child of `place` a code lies in (the code itself when it is `place` or at the child level). */
export function childOf(place: string, code: string): string {
  const childLength = place === NATION_CODE ? 2 : PLACE_CODE_LENGTHS.find((n) => n > place.length);
  return childLength === undefined || code.length <= childLength ? code : code.slice(0, childLength);
}
