/**
 * HTTP routes of the rectification ledger. Reading needs 'dashboard.read', changing it
 * 'ledger.write'; a finding outside the user's scope answers 404 as if absent.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Database } from '../../db/database';
import { requirePermission, requireUser } from '../../server/access';
import { notFound } from '../../server/errors';
import { ledgerContextOf, reachPlace, reachRecord, todayOf } from '../../server/reach';
import { placeNameOf } from '../places/service';
import { sendWorkbook } from '../reports/service';
import { ledgerSheets } from './exports';
import { detailSchema, listQuery, pageSchema, rectificationInput, stepInput, summarySchema } from './schemas';
import { actOnRectification, createRectification, getRectification, listRectifications, locateRectification, rectificationSummary } from './service';

type Query = { Querystring: Record<string, unknown> };
type Id = { Params: { id: string } };

const idSchema = z.coerce.number({ message: '整改问题编号应为数字' }).int('整改问题编号应为整数').positive('整改问题编号应为正整数');

export async function registerRectificationRoutes(api: FastifyInstance, database: Database): Promise<void> {
  const { db } = database;
  const read = { preHandler: requirePermission('dashboard.read') };
  const write = { preHandler: requirePermission('ledger.write') };

  /** The finding a request reaches: 404 when unknown or outside the scope (audited). */
  const reach = async (request: FastifyRequest<Id>) => {
    const id = idSchema.parse(request.params.id);
    const found = await locateRectification(db, id);
    if (!found) throw notFound(`整改问题 ${id} `);
    await reachRecord(request, { type: 'rectification', id: String(id), placeCode: found.placeCode });
    return id;
  };

  const list = async (request: FastifyRequest<Query>, paged: boolean) => {
    const { page, pageSize, place, due, ...filter } = listQuery.parse(request.query);
    const at = await reachPlace(request, place);
    return listRectifications(db, requireUser(request).scope, { place: at, due, ...filter }, paged ? { page, pageSize } : null, todayOf(request));
  };

  api.get<Query>('/rectifications', read, async (request) => pageSchema.parse(await list(request, true)));

  api.get<Query>('/rectifications/summary', read, async (request) => {
    const place = await reachPlace(request, listQuery.parse(request.query).place);
    return summarySchema.parse(await rectificationSummary(db, requireUser(request).scope, place, todayOf(request)));
  });

  api.get<Query>('/rectifications/export.xlsx', read, async (request, reply) => {
    const result = await list(request, false);
    const place = await reachPlace(request, listQuery.parse(request.query).place);
    const summary = await rectificationSummary(db, requireUser(request).scope, place, todayOf(request));
    const name = await placeNameOf(db, place);
    return sendWorkbook(reply, ledgerSheets(name, result.items, summary.byUnit, todayOf(request)), `rectifications-${place}.xlsx`, `${name}问题整改台账.xlsx`);
  });

  api.get<Id>('/rectifications/:id', read, async (request) => detailSchema.parse(await getRectification(db, await reach(request), todayOf(request))));

  api.post('/rectifications', write, async (request, reply) => {
    const input = rectificationInput.parse(request.body);
    await reachPlace(request, input.placeCode);
    return reply.status(201).send(detailSchema.parse(await createRectification(db, input, ledgerContextOf(request))));
  });

  api.post<Id>('/rectifications/:id/steps', write, async (request) => {
    const id = await reach(request);
    return detailSchema.parse(await actOnRectification(db, id, stepInput.parse(request.body), ledgerContextOf(request)));
  });
}
