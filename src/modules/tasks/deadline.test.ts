import { describe, expect, it } from 'vitest';
import { parseDeadline } from './deadline';

describe('parseDeadline', () => {
  it.each([
    // seed 000's 完成时限, verbatim
    ['3月底前完成基础设施配套建设、卡户搬迁户全部入住；6月底前，所有搬迁户全部入住；9月底前旧房全部拆除', '2019-09-30', false],
    ['4月底前竣工入住', '2019-04-30', false],
    ['3月底以前完成项目验收', '2019-03-31', false],
    ['3—5月发动“春季攻势”，长期坚持', '2019-05-31', true],
    ['3—5月发动“春季攻势”，2019年底完成，并长期坚持', '2019-12-31', true],
    ['3—5月发动“春季攻势”，2019年底完成', '2019-12-31', false],
    ['3—5月发动“春季攻势”，2019年底完成并长\n\n期坚持', '2019-12-31', true],
    ['3—5月发动“春季攻势”，2019年底前完成', '2019-12-31', false],
    // other spellings
    ['2019-06-30', '2019-06-30', false],
    ['2020年9月底前', '2020-09-30', false],
    ['2020年3月10日前', '2020-03-10', false],
    ['3月10日前', '2019-03-10', false],
    ['2月底', '2019-02-28', false],
    ['年底前', '2019-12-31', false],
    ['2020/2/29', '2020-02-29', false],
  ])('%s → %s', (text, date, ongoing) => {
    expect(parseDeadline(text, 2019)).toEqual({ date, ongoing });
  });

  it.each(['长期坚持', '', '尽快完成', '13月底', '2019-02-30'])('names no date in “%s”', (text) => {
    expect(parseDeadline(text, 2019)).toBeNull();
  });
});
