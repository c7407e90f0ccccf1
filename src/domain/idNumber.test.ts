import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn, checkCharacter, completeIdNumber, maskIdNumber, maskPhone, parseIdNumber, parseIdNumberSlowly } from './idNumber';

const TODAY = new Date(2024, 5, 15, 12, 0);

describe('parseIdNumber: valid numbers', () => {
  it.each([
    ['411426198005010013', '411426198005010013', 'M', '1980-05-01', false],
    ['411426198005010021', '411426198005010021', 'F', '1980-05-01', false],
    ['41142619800501003X', '41142619800501003X', 'M', '1980-05-01', false],
    ['41142619800501003x', '41142619800501003X', 'M', '1980-05-01', false],
    [' 11010519491231002X ', '11010519491231002X', 'F', '1949-12-31', false],
    ['411425200002291239', '411425200002291239', 'M', '2000-02-29', false],
    ['41142620000229003X', '41142620000229003X', 'M', '2000-02-29', false],
    ['411426800501123', '411426198005011235', 'M', '1980-05-01', true],
    ['110105491231002', '11010519491231002X', 'F', '1949-12-31', true],
    // typed with a Chinese IME (全角), pasted with spaces, or both
    ['４１１４２６１９８００５０１００１３', '411426198005010013', 'M', '1980-05-01', false],
    ['４１１４２６１９８００５０１００３Ｘ', '41142619800501003X', 'M', '1980-05-01', false],
    ['４１１４２６１９８００５０１００３ｘ', '41142619800501003X', 'M', '1980-05-01', false],
    ['4114 2619 8005 0100 3X', '41142619800501003X', 'M', '1980-05-01', false],
    ['\u3000411426198005010013\u3000', '411426198005010013', 'M', '1980-05-01', false],
    ['４１１４２６ ８００５０１１２３', '411426198005011235', 'M', '1980-05-01', true],
  ])('%s → %s %s %s', (raw, idNumber, sex, birthDate, converted) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: true, idNumber, converted, sex, birthDate, addressCode: idNumber.slice(0, 6) });
  });

  it('accepts a child born today', () => {
    const id = completeIdNumber('41142620240615002');
    expect(parseIdNumber(id, TODAY)).toMatchObject({ ok: true, birthDate: '2024-06-15', sex: 'F' });
  });
});

describe('parseIdNumber: invalid numbers', () => {
  it.each([
    ['', '身份证号为空'],
    ['   ', '身份证号为空'],
    ['41142619800501001', '身份证号应为18位（最后一位可为X）或15位数字，实为17位'],
    ['4114261980050100134', '身份证号应为18位（最后一位可为X）或15位数字，实为19位'],
    ['41142619800501001A', '身份证号应为18位（最后一位可为X）或15位数字，实为18位'],
    ['4114261980X501001X', '身份证号应为18位（最后一位可为X）或15位数字，实为18位'],
    ['４１１４２６１９８００５０１００１Ａ', '身份证号应为18位（最后一位可为X）或15位数字，实为18位'],
    ['411426-19800501-0013', '身份证号应为18位（最后一位可为X）或15位数字，实为20位'],
    ['４１１４２６１９８００５０１００１４', '校验位错误：应为 3，实为 4'],
    ['411426198005010014', '校验位错误：应为 3，实为 4'],
    ['41142619800501001X', '校验位错误：应为 3，实为 X'],
    ['411426198005010030', '校验位错误：应为 X，实为 0'],
    [completeIdNumber('41142619800230001'), '出生日期 19800230 不是有效日期'],
    [completeIdNumber('41142619801301001'), '出生日期 19801301 不是有效日期'],
    [completeIdNumber('41142619800001001'), '出生日期 19800001 不是有效日期'],
    [completeIdNumber('41142619800500001'), '出生日期 19800500 不是有效日期'],
    [completeIdNumber('41142619800431001'), '出生日期 19800431 不是有效日期'],
    [completeIdNumber('41142519000229001'), '出生日期 19000229 不是有效日期'],
    [completeIdNumber('41142518890101001'), '出生日期 18890101 不是有效日期'],
    ['411426800230123', '出生日期 19800230 不是有效日期'],
    [completeIdNumber('41142620240616001'), '出生日期 20240616 晚于今天'],
    [completeIdNumber('41142630000101001'), '出生日期 30000101 晚于今天'],
  ])('%j: %s', (raw, reason) => {
    expect(parseIdNumber(raw, TODAY)).toEqual({ ok: false, reason });
  });
});

describe('parseIdNumber in China Standard Time', () => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Asia/Shanghai';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  it('takes today as the local date, also before 08:00 (still yesterday in UTC)', () => {
    const justAfterMidnight = new Date(2024, 5, 15, 0, 30);
    expect(justAfterMidnight.toISOString().slice(0, 10)).toBe('2024-06-14');
    expect(parseIdNumber(completeIdNumber('41142620240615001'), justAfterMidnight)).toMatchObject({ ok: true, birthDate: '2024-06-15' });
    expect(parseIdNumber(completeIdNumber('41142620240616001'), justAfterMidnight)).toMatchObject({ ok: false });
  });
});

describe('check character and completion', () => {
  it.each([
    ['41142619800501001', '3'],
    ['41142619800501003', 'X'],
    ['11010519491231002', 'X'],
    ['41142520000229123', '9'],
  ])('%s → %s', (first17, check) => {
    expect(checkCharacter(first17)).toBe(check);
    expect(completeIdNumber(first17)).toBe(first17 + check);
  });

  it.each([['4114261980050100'], ['41142619800501001X'], ['4114261980050100a']])('refuses to complete %s', (bad) => {
    expect(() => completeIdNumber(bad)).toThrow('需要17位数字');
  });
});

describe('masking', () => {
  it.each([
    ['411426198005010013', '411426********0013'],
    ['41142619800501003X', '411426********003X'],
    ['411426800501123', '411426*****1123'],
    ['1234567890', '**********'],
    ['12345', '*****'],
    ['', ''],
  ])('id %j → %j', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });

  it.each([
    ['13812345678', '138****5678'],
    ['0370-6123456', '037*****3456'],
    ['1234567', '*******'],
    ['', ''],
  ])('phone %j → %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('passes null and undefined through as null', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskIdNumber(undefined)).toBeNull();
    expect(maskPhone(null)).toBeNull();
    expect(maskPhone(undefined)).toBeNull();
  });
});

describe('ageOn', () => {
  it.each([
    ['1980-05-01', '2024-04-30', 43],
    ['1980-05-01', '2024-05-01', 44],
    ['1980-05-01', '2024-05-02', 44],
    ['1980-05-01', '2024-12-31', 44],
    ['1980-12-31', '2025-01-01', 44],
    ['2000-02-29', '2021-02-28', 20],
    ['2000-02-29', '2021-03-01', 21],
    ['2000-02-29', '2024-02-29', 24],
    ['2024-06-15', '2024-06-15', 0],
    ['2018-09-01', '2024-08-31', 5],
    ['2018-09-01', '2024-09-01', 6],
  ])('born %s, on %s: %i', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });
});

describe('parseIdNumber: the fast path gives what the general path gives', () => {
  it('for valid numbers and every single-character change of them', () => {
    const ids = ['411426198005010013', '41142619800501003X', '11010519491231002X', '411425200002291239', completeIdNumber('41142620240615002'), completeIdNumber('41142618900101001')];
    const variants = new Set<string>();
    for (const id of ids) {
      variants.add(id).add(id.toLowerCase()).add(' ' + id).add(id + ' ').add(id.slice(0, 17)).add(id + '1');
      for (let i = 0; i < 18; i++) for (const c of '0123456789Xx A') variants.add(id.slice(0, i) + c + id.slice(i + 1));
    }
    for (const y of ['1889', '1890', '1900', '2000', '2023', '2024', '2025']) {
      for (const md of ['0101', '0229', '0230', '0228', '0431', '0430', '1231', '1232', '1301', '0001', '0100', '0614', '0615', '0616']) variants.add(completeIdNumber(`411426${y}${md}001`));
    }
    expect(variants.size).toBeGreaterThan(1000);
    for (const raw of variants) expect([raw, parseIdNumber(raw, TODAY)]).toEqual([raw, parseIdNumberSlowly(raw, TODAY)]);
  });
});
