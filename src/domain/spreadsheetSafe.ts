/**
 * Formula-injection safety for spreadsheets we write (.xlsx and .csv). A text cell that
 * starts with = + - @, a tab, a carriage return or NUL could be taken for a formula by the
 * program that opens the file; such text is written with a leading apostrophe instead.
 */
const DANGEROUS_FIRST = new Set(['=', '+', '-', '@', '\t', '\r', '\0']);

/** True when a spreadsheet program could read `text` as the start of a formula. */
export function startsLikeFormula(text: string): boolean {
  return text.length > 0 && DANGEROUS_FIRST.has(text[0]);
}

/**
 * True when the text gets a ' in front: it starts like a formula, or it is such a text
 * already prefixed (so that `restoreNeutralised` gives back exactly what was written).
 */
function needsPrefix(text: string): boolean {
  return startsLikeFormula(text) || (text.startsWith("'") && needsPrefix(text.slice(1)));
}

/** The text to write into a cell: prefixed with ' when it starts like a formula. */
export function neutraliseFormula(text: string): string {
  return needsPrefix(text) ? "'" + text : text;
}

/**
 * The original text of a cell written by `neutraliseFormula` (for re-importing our own
 * exports): a leading ' is dropped only when `neutraliseFormula` would have added it.
 */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && needsPrefix(text.slice(1)) ? text.slice(1) : text;
}

/** A cell value for .xlsx: text neutralised, numbers and empty cells as they are. */
export function safeCellValue(value: string | number | null | undefined): string | number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? neutraliseFormula(value) : value;
}

/** One CSV field (RFC 4180): neutralised, then quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? neutraliseFormula(value) : String(value);
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** One CSV line, CRLF-terminated. */
export function csvLine(values: (string | number | null | undefined)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}
