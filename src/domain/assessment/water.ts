/**
 * 饮水安全有保障 under the rural drinking-water evaluation rules used for exit: quantity
 * (≥ 35 L/person/day, ≥ 20 in water-scarce areas), quality, convenience (piped, or one trip
 * ≤ 20 min, or ≤ 800 m horizontal / ≤ 80 m vertical) and guarantee (outage ≤ 36 days a year).
 * All four must pass. The 2004 scale is the other option (water2004.ts).
 */
import type { PolicyRules } from '../policy/rulesSchema';
import { decide, failed, missing, passed, type Finding } from './criterion';
import { plain } from './format';
import type { CriterionResult, HouseholdFacts, WaterFacts } from './types';
import { assessWater2004 } from './water2004';
import { waterValues } from './waterValues';

type Rules = PolicyRules['water'];

function quantity(w: WaterFacts, r: Rules): Finding {
  const lpd = w.litresPerDay;
  if (lpd === null) return missing('供水量');
  const head = `水量 ${plain(lpd)} 升/人·日`;
  if (w.scarceArea === null) {
    if (lpd >= r.minLitresNormal) return passed(`${head}，达到 ${plain(r.minLitresNormal)} 升`);
    if (lpd < r.minLitresScarce) return failed(`${head}，低于缺水地区标准 ${plain(r.minLitresScarce)} 升`);
    return missing(`是否属缺水地区（水量 ${plain(lpd)} 升/人·日介于 ${plain(r.minLitresScarce)} 与 ${plain(r.minLitresNormal)} 升之间）`);
  }
  const [min, area] = w.scarceArea ? [r.minLitresScarce, '缺水地区'] : [r.minLitresNormal, '正常地区'];
  return lpd >= min ? passed(`${head}，达到${area}标准 ${plain(min)} 升`) : failed(`${head}，低于${area}标准 ${plain(min)} 升`);
}

function quality(w: WaterFacts): Finding {
  if (w.qualityOk === null) return missing('水质检测或检查结果');
  return w.qualityOk ? passed('水质达标') : failed('水质不达标');
}

function convenience(w: WaterFacts, r: Rules): Finding {
  if (w.piped === true) return passed('自来水入户');
  if (w.tripMinutes !== null && w.tripMinutes <= r.maxTripMinutes) return passed(`取水往返 ${plain(w.tripMinutes)} 分钟，不超过 ${plain(r.maxTripMinutes)} 分钟`);
  if (w.horizontalMetres != null && w.horizontalMetres <= r.maxHorizontalMetres) return passed(`取水水平距离 ${plain(w.horizontalMetres)} 米，不超过 ${plain(r.maxHorizontalMetres)} 米`);
  if (w.verticalMetres != null && w.verticalMetres <= r.maxVerticalMetres) return passed(`取水垂直距离 ${plain(w.verticalMetres)} 米，不超过 ${plain(r.maxVerticalMetres)} 米`);
  if (w.tripMinutes !== null) return failed(`未通自来水，取水往返 ${plain(w.tripMinutes)} 分钟，超过 ${plain(r.maxTripMinutes)} 分钟`);
  return missing(w.piped === null ? '是否自来水入户、取水往返时间' : '取水往返时间');
}

function guarantee(w: WaterFacts, r: Rules): Finding {
  if (w.outageDays === null) return missing('全年累计断水天数');
  const text = `全年累计断水 ${plain(w.outageDays)} 天`;
  return w.outageDays <= r.maxOutageDays ? passed(`${text}，不超过 ${r.maxOutageDays} 天`) : failed(`${text}，超过 ${r.maxOutageDays} 天`);
}

export function assessWater(facts: HouseholdFacts, rules: PolicyRules): CriterionResult {
  const w = facts.water;
  const r = rules.water;
  if (r.scale === 'scale_2004') return assessWater2004(w, r.scale2004);
  const findings = [quantity(w, r), quality(w), convenience(w, r), guarantee(w, r)];
  return decide('water', findings, { scale: r.scale, ...waterValues(w) }, findings.map((f) => f.text).join('，'));
}
