/** HTTP route of the registry export: GET /households/export.xlsx?<list filters>&reveal=idNumber */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../../db/database';
import { ALL_PLACES, type PlaceScope } from '../../db/placeScope';
import { AppError, badRequest } from '../../server/errors';
import { parseHouseholdFilters } from '../registry/service';
import { mayReveal, REVEALABLE_FIELDS, type RevealableField } from './reveal';
import { exportFileName, prepareHouseholdExport, XLSX_MEDIA_TYPE } from './service';

export type ScopeOfRequest = (request: unknown) => PlaceScope;
const everyPlace: ScopeOfRequest = () => ALL_PLACES;

/** `reveal=idNumber,phone` (or repeated) → the fields asked for in clear; anything else is a 400. */
function revealAsked(value: unknown): Set<RevealableField> {
  if (value === undefined || value === '') return new Set();
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((v) => v.trim()).filter(Boolean);
  for (const part of parts) {
    if (!(REVEALABLE_FIELDS as readonly string[]).includes(part)) {
      throw badRequest(`显示明文字段（reveal）的值“${part}”无效，应为：${REVEALABLE_FIELDS.join('、')}`, [{ field: 'reveal', value: part }]);
    }
  }
  return new Set(parts as RevealableField[]);
}

export async function registerExportRoutes(api: FastifyInstance, database: Database, scopeOf: ScopeOfRequest = everyPlace): Promise<void> {
  api.get('/households/export.xlsx', async (request, reply) => {
    const { reveal, ...query } = request.query as Record<string, unknown>;
    const asked = revealAsked(reveal);
    for (const field of asked) {
      if (!mayReveal(request, field)) throw new AppError(403, 'forbidden', `您无权导出明文${field === 'idNumber' ? '证件号码' : '联系电话'}`);
    }
    const filters = parseHouseholdFilters(query);
    const prepared = await prepareHouseholdExport(database.db, scopeOf(request), filters, {
      reveal: { idNumber: asked.has('idNumber'), phone: asked.has('phone') },
    });
    const body = new PassThrough();
    prepared.writeTo(body).catch((e: Error) => request.log.error(e, '导出失败'));
    const name = exportFileName(filters);
    return reply
      .type(XLSX_MEDIA_TYPE)
      .header('content-disposition', `attachment; filename="households.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
      .send(body);
  });
}
