import { describe, expect, it } from 'vitest';
import { completeIdNumber } from '../idNumber';
import { publicLeaks, redactPublicText } from './redact';

const ID = completeIdNumber('46010519800101001');

describe('redaction of public texts', () => {
  it.each([
    [`户主身份证 ${ID}`, '身份证号'],
    [`旧证 ${ID.slice(0, 6) + ID.slice(8, 17)}`, '身份证号'],
    ['全角 ４６０１０５１９８００１０１００１Ｘ', '身份证号'],
    ['联系 13812345678', '手机号'],
    ['联系 138 1234 5678', '手机号'],
    ['联系 138-1234-5678', '手机号'],
    ['账号 6222 0212 3456 7890 123', '银行账号'],
    ['账号 6222021234567890123', '银行账号'],
    ['因病致贫，患有尿毒症', '健康信息'],
    ['二级肢体残疾', '健康信息'],
  ])('hides %s (%s)', (text, kind) => {
    expect(publicLeaks(text)).toContain(kind);
    const r = redactPublicText(text);
    expect(r.hidden).toBeGreaterThan(0);
    expect(publicLeaks(r.text)).toEqual([]);
  });

  it('keeps what a notice must say: an office landline, dates, counts, names', () => {
    const text = '村委会（电话 0894-5550101），公示期 2024-05-06 至 2024-05-12，共 3 户 12 人，户主扎西';
    expect(publicLeaks(text)).toEqual([]);
    expect(redactPublicText(text)).toEqual({ text, hidden: 0 });
  });
});
