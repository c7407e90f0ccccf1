/** Pairing quotas (结对帮扶户数) per cadre rank, from the policy's pairing model (POLICY.md §8). */

export interface PairingQuota {
  rank: string;
  label: string;
  households: number;
}

export interface PairingModel {
  label: string;
  source: string;
  quotas: PairingQuota[];
}

export type QuotaCheck =
  | { ok: true; quota: PairingQuota; model: PairingModel }
  | { ok: false; code: 'rank_not_in_model' | 'quota_exceeded'; message: string; quota?: PairingQuota; model: PairingModel };

/** Whether a cadre of `rank` with `current` open pairings may take `adding` more households. */
export function checkQuota(model: PairingModel, cadre: { name: string; rank: string }, current: number, adding: number): QuotaCheck {
  const quota = model.quotas.find((q) => q.rank === cadre.rank);
  const ranks = model.quotas.map((q) => `${q.label}（${q.rank}）`).join('、');
  if (!quota) {
    return { ok: false, code: 'rank_not_in_model', model, message: `干部${cadre.name}的职级「${cadre.rank}」不在本地结对模式「${model.label}」中（可用职级：${ranks}）` };
  }
  if (current + adding > quota.households) {
    return {
      ok: false,
      code: 'quota_exceeded',
      quota,
      model,
      message: `干部${cadre.name}（${quota.label}）已结对 ${current} 户，按「${model.label}」（${model.source}）最多结对 ${quota.households} 户，不能再增加 ${adding} 户`,
    };
  }
  return { ok: true, quota, model };
}
