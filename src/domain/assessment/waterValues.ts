/** The water facts as the values an assessment records. */
import type { FactValue, WaterFacts } from './types';

export function waterValues(w: WaterFacts): Record<string, FactValue> {
  return {
    litresPerDay: w.litresPerDay,
    qualityOk: w.qualityOk,
    piped: w.piped,
    tripMinutes: w.tripMinutes,
    horizontalMetres: w.horizontalMetres ?? null,
    verticalMetres: w.verticalMetres ?? null,
    outageDays: w.outageDays,
    scarceArea: w.scarceArea,
  };
}
