/** Plausible personal names by ethnicity: Han style, Tibetan style, Dai style. */
import type { Random } from './random';

const HAN_SURNAMES = [
  ['王', 9], ['李', 9], ['张', 9], ['刘', 8], ['陈', 6], ['杨', 6], ['赵', 5], ['黄', 4], ['周', 4], ['吴', 3],
  ['徐', 3], ['孙', 3], ['胡', 3], ['朱', 3], ['高', 3], ['林', 2], ['何', 2], ['郭', 3], ['马', 3], ['罗', 2],
  ['梁', 2], ['宋', 2], ['郑', 2], ['谢', 1], ['韩', 2], ['唐', 1], ['冯', 2], ['于', 1], ['董', 2], ['程', 2],
  ['曹', 2], ['袁', 1], ['邓', 1], ['许', 2], ['沈', 1], ['彭', 1], ['吕', 1], ['苏', 1], ['蒋', 1], ['蔡', 1],
  ['贾', 2], ['丁', 1], ['魏', 2], ['薛', 1], ['叶', 1], ['闫', 1], ['潘', 1], ['杜', 1], ['夏', 1], ['田', 1],
  ['任', 1], ['范', 1], ['石', 1], ['姚', 1], ['谭', 1], ['邹', 1], ['金', 1], ['孔', 1], ['白', 1], ['崔', 1],
  ['康', 1], ['侯', 1], ['孟', 1], ['史', 1], ['常', 1], ['武', 1], ['乔', 1], ['段', 1], ['尹', 1], ['岳', 1],
] as const;

const HAN_MALE = '建国军伟强磊涛明华勇杰峰刚超辉新文志海东平庆林振永长春保全德富贵广红中兴宝成金俊卫民立玉山荣'.split('');
const HAN_FEMALE = '秀英华兰芳玉珍梅丽娟霞凤敏静燕桂翠荣琴萍娜婷雪红云莲花香月素春爱美艳慧巧彩菊霞晓'.split('');

const TIBETAN_MALE = ['扎西', '次仁', '多吉', '平措', '尼玛', '达瓦', '边巴', '普布', '巴桑', '旺堆', '罗布', '格桑', '索朗', '顿珠', '强巴', '洛桑', '丹增', '贡布', '次旦', '桑珠'];
const TIBETAN_FEMALE = ['卓玛', '央金', '拉姆', '曲珍', '德吉', '白玛', '央宗', '卓嘎', '旺姆', '措姆', '琼达', '益西', '次珍', '拉珍', '格桑', '次仁'];

const DAI_MALE = '温罕香帕应光腊南坎保'.split('');
const DAI_FEMALE = '香波罕儿叫应丙南嫩坎'.split('');

export type NameStyle = 'han' | 'tibetan' | 'dai';

export function hanSurname(rng: Random): string {
  return rng.weighted(HAN_SURNAMES);
}

/** A name in the given style; Han-style names use `surname`. */
export function personName(rng: Random, style: NameStyle, sex: 'M' | 'F', surname: string): string {
  if (style === 'tibetan') {
    const first = rng.pick(sex === 'M' ? TIBETAN_MALE : TIBETAN_FEMALE);
    if (rng.chance(0.4)) return first;
    const second = rng.pick(sex === 'M' ? TIBETAN_MALE : TIBETAN_FEMALE);
    return second === first ? first : first + second;
  }
  if (style === 'dai') return (sex === 'M' ? '岩' : '玉') + rng.pick(sex === 'M' ? DAI_MALE : DAI_FEMALE);
  const chars = sex === 'M' ? HAN_MALE : HAN_FEMALE;
  const given = rng.chance(0.7) ? rng.pick(chars) + rng.pick(chars) : rng.pick(chars);
  return surname + given;
}
