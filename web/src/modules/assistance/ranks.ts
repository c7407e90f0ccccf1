/** 职级 of a pairing cadre by its code, from the pairing models of the national rules (a code no model names is shown as 其他职级). */
import { NATIONAL_RULES } from '../../../../src/domain/policy/defaults';

const LABELS = new Map<string, string>(Object.values(NATIONAL_RULES.pairing?.models ?? {}).flatMap((m) => m.quotas.map((q) => [q.rank, q.label] as const)));

export const rankLabel = (rank: string): string => LABELS.get(rank) ?? '其他职级';
