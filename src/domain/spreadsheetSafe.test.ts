import { describe, expect, it } from 'vitest';
import { csvField, csvLine, neutraliseFormula, restoreNeutralised, safeCellValue, startsLikeFormula } from './spreadsheetSafe';

describe('neutraliseFormula', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+2', "'+1+2"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['\0x', "'\0x"],
  ])('prefixes %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
    expect(startsLikeFormula(input)).toBe(true);
  });

  it.each(['张三', 'a=b', ' =1', '', "'abc", "''", '411426199001011234', '1-2'])('leaves %j alone', (input) => {
    expect(neutraliseFormula(input)).toBe(input);
  });

  it('round-trips through restoreNeutralised', () => {
    for (const text of ['=1+1', '-', '@x', '张三', "'plain", "'", "''=x", "'=x", "'''@y", '\0']) {
      expect(restoreNeutralised(neutraliseFormula(text))).toBe(text);
    }
  });

  it('restores only what it neutralised', () => {
    expect(restoreNeutralised("'abc")).toBe("'abc");
    expect(restoreNeutralised("'=abc")).toBe('=abc');
    expect(neutraliseFormula("'=abc")).toBe("''=abc");
  });
});

describe('safeCellValue', () => {
  it('neutralises text and keeps numbers and blanks', () => {
    expect(safeCellValue('=1')).toBe("'=1");
    expect(safeCellValue(-3)).toBe(-3);
    expect(safeCellValue(null)).toBeNull();
    expect(safeCellValue(undefined)).toBeNull();
  });
});

describe('csv', () => {
  it('neutralises, then quotes fields that need it', () => {
    expect(csvField('=cmd|"/c calc"!A1')).toBe(`"'=cmd|""/c calc""!A1"`);
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('\rx')).toBe(`"'\rx"`);
    expect(csvField(-5)).toBe('-5');
    expect(csvField(null)).toBe('');
    expect(csvLine(['户编号', '+86', 3])).toBe("户编号,'+86,3\r\n");
  });
});
