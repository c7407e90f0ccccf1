/**
 * Visits (走访): recorded once per client-generated id (a replay returns the visit already
 * stored), photos checked (type by their first bytes, size) and kept with their SHA-256; the
 * overdue list from the policy's visit frequencies (POLICY.md §8).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import { scopeContains } from '../../db/placeScope';
import { periodOf, previousPeriod, ruleFor, visitStanding, type VisitRule, type VisitStanding } from '../../domain/assistance/periods';
import type { HouseholdAccess } from '../../db/householdReach';
import { AppError, badRequest, notFound } from '../../server/errors';
import { recordAudit } from '../audit/service';
import { loadActivePolicies, resolveOrFail } from '../policy/service';
import type { Actor } from './pairing';
import * as q from './queries';
import { MAX_PHOTO_BYTES, type PhotoInput, type VisitInput } from './schemas';
import * as vq from './visitQueries';

export type VisitView = NonNullable<Awaited<ReturnType<typeof vq.findVisit>>>;

const SIGNATURES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
};

export interface CheckedPhoto {
  sha256: string;
  contentType: string;
  size: number;
  data: Buffer;
}

/** A photo's bytes checked: the declared type matches its first bytes, the size is within bounds, the hash matches. */
export function checkPhoto(photo: PhotoInput, index: number): CheckedPhoto {
  const data = Buffer.from(photo.data, 'base64');
  const n = index + 1;
  if (data.length === 0) throw badRequest(`第 ${n} 张照片内容为空`);
  if (data.length > MAX_PHOTO_BYTES) throw badRequest(`第 ${n} 张照片 ${(data.length / 1024 / 1024).toFixed(1)} MB，超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB 上限`);
  if (!SIGNATURES[photo.contentType]?.(data)) throw badRequest(`第 ${n} 张照片的内容不是声明的格式 ${photo.contentType}`);
  const sha256 = createHash('sha256').update(data).digest('hex');
  if (photo.sha256 && photo.sha256 !== sha256) throw badRequest(`第 ${n} 张照片传输不完整：校验值 ${sha256} 与设备计算的 ${photo.sha256} 不符`);
  return { sha256, contentType: photo.contentType, size: data.length, data };
}

export interface Visitor {
  userId: number;
  role: string;
  access: HouseholdAccess;
}

/** The household if the visitor reaches it (place scope; a pairing cadre only his own), else 404. */
export async function reachHousehold(db: Db, access: HouseholdAccess, householdNo: string): Promise<q.HouseholdPlace> {
  const [h] = await q.locateHouseholds(db, [householdNo]);
  let inside = !!h && scopeContains(access.scope, h.villageCode);
  if (inside && access.pairedCadreId !== null) {
    inside = (await q.accessListOf(db, access.pairedCadreId)).some((x) => x.countyCode === h.countyCode && x.householdNo === h.householdNo);
  }
  if (!inside) throw notFound(`户 ${householdNo} `);
  return h;
}

async function visitingCadre(db: Db, visitor: Visitor, asked: number | undefined) {
  const own = await q.findCadreOfUser(db, visitor.userId);
  if (visitor.role === 'pairing_cadre' || asked === undefined) {
    if (!own) throw badRequest('您的账户未关联帮扶干部档案，请先由业务员登记干部并关联账户');
    if (asked !== undefined && asked !== own.id) throw new AppError(403, 'forbidden', '帮扶干部只能记录本人的走访');
    return own;
  }
  const cadre = await q.findCadre(db, asked);
  if (!cadre) throw notFound(`干部 ${asked} `);
  return cadre;
}

/**
 * Record a visit (idempotent on its id): a second upload of the same id writes nothing and
 * answers the stored visit with `duplicate: true`.
 */
export async function recordVisit(db: Db, visitor: Visitor, input: VisitInput, actor: Actor): Promise<{ visit: VisitView; duplicate: boolean }> {
  const photos = input.photos.map(checkPhoto);
  const run = async (tx: Db) => {
    const h = await reachHousehold(tx, visitor.access, input.householdNo);
    const existing = await vq.findVisit(tx, h.countyCode, input.id);
    if (existing) return { visit: existing, duplicate: true };
    const cadre = await visitingCadre(tx, visitor, input.cadreId);
    const written = await vq.insertVisitOnce(tx, {
      county_code: h.countyCode,
      id: input.id,
      household_no: h.householdNo,
      cadre_id: cadre.id,
      visited_on: input.visitedOn,
      findings: input.findings,
      measures_discussed: input.measuresDiscussed,
      latitude: input.latitude,
      longitude: input.longitude,
      accuracy_m: input.accuracyM,
      recorded_by: visitor.userId,
    });
    if (written) {
      await vq.insertPhotos(tx, photos.map((p) => ({ county_code: h.countyCode, visit_id: input.id, sha256: p.sha256, content_type: p.contentType, size_bytes: p.size, data: p.data })));
      await recordAudit(tx, {
        ...actor,
        action: 'visit.record',
        objectType: 'household',
        objectId: h.householdNo,
        placeCode: h.villageCode,
        after: { visitId: input.id, cadreId: cadre.id, visitedOn: input.visitedOn, photos: photos.map((p) => ({ sha256: p.sha256, size: p.size, type: p.contentType })) },
      });
    }
    return { visit: (await vq.findVisit(tx, h.countyCode, input.id))!, duplicate: !written };
  };
  return db.isTransaction ? run(db) : db.transaction().execute(run);
}

export interface OverdueLine extends Omit<vq.PairingCountRow, 'previousVisits' | 'currentVisits'> {
  standing: VisitStanding;
}

export interface OverdueReport {
  asOf: string;
  lines: OverdueLine[];
  byCadre: { cadreId: number; cadreName: string; unit: string; households: number; overdue: number; due: number }[];
  rules: VisitRule[];
}

/** Every open pairing under `place` with its visit standing on `asOf`; `onlyOverdue` keeps the overdue ones. */
export async function visitOverdue(db: Db, access: HouseholdAccess, place: string, asOf: string, options: { cadreId?: number; onlyOverdue?: boolean } = {}): Promise<OverdueReport> {
  const records = await loadActivePolicies(db);
  const year = Number(asOf.slice(0, 4));
  const roles = await vq.pairingRoles(db, access, place, options.cadreId);
  const ruleOf = new Map<string, VisitRule>();
  const windows: vq.PeriodWindow[] = roles.map((r) => {
    const rule = ruleFor(resolveOrFail(records, r.countyCode, year).rules.visits, r.visitRole);
    ruleOf.set(`${r.countyCode}:${r.visitRole}`, rule);
    const previous = previousPeriod(asOf, rule.periodMonths);
    return { countyCode: r.countyCode, visitRole: r.visitRole, previousStart: previous.start, previousEnd: previous.end, currentStart: periodOf(asOf, rule.periodMonths).start };
  });
  const rows = await vq.pairingVisitCounts(db, access, place, windows, asOf, options.cadreId);
  const all = rows.map(({ previousVisits, currentVisits, ...row }) => ({
    ...row,
    standing: visitStanding(ruleOf.get(`${row.countyCode}:${row.visitRole}`)!, { startedOn: row.startedOn, previousVisits, currentVisits, lastVisitOn: row.lastVisitOn }, asOf),
  }));
  const byCadre = new Map<number, OverdueReport['byCadre'][number]>();
  for (const l of all) {
    const c = byCadre.get(l.cadreId) ?? { cadreId: l.cadreId, cadreName: l.cadreName, unit: l.unit, households: 0, overdue: 0, due: 0 };
    c.households++;
    if (l.standing.overdue) c.overdue++;
    if (l.standing.due) c.due++;
    byCadre.set(l.cadreId, c);
  }
  return {
    asOf,
    lines: options.onlyOverdue ? all.filter((l) => l.standing.overdue) : all,
    byCadre: [...byCadre.values()].sort((a, b) => b.overdue - a.overdue || a.cadreName.localeCompare(b.cadreName, 'zh')),
    rules: [...new Map([...ruleOf.values()].map((r) => [r.role, r])).values()],
  };
}
