/**
 * The API catalogue: for every route under /api/v1, its module (an OpenAPI tag), a short Chinese
 * summary, and where the module has them the zod schemas its handler validates with. It is read
 * only when the OpenAPI description is built (src/server/apiDocs.ts, served at /api/docs):
 * the routes themselves keep validating in their handlers, so nothing here changes how a route
 * answers. test/server/apiDocs.test.ts fails when a registered route is missing from it.
 */
import { z } from 'zod';
import * as assistance from '../modules/assistance/schemas';

/** What the description says of one route. */
export interface RouteDoc {
  /** Short Chinese summary (the line Swagger UI lists). */
  summary: string;
  /** Longer Chinese notes, when the summary is not enough. */
  description?: string;
  /** The query string the handler parses. */
  query?: z.ZodType;
  /** The JSON body the handler parses, or an upload (multipart/form-data with a `file` field). */
  body?: z.ZodType | 'upload';
  /** The JSON answer on success. */
  response?: z.ZodType;
  /** The success status when not 200 (201 created, 202 job started, 204 no content). */
  status?: 200 | 201 | 202 | 204;
  /** Takes `reveal=idNumber,phone` (registry routes showing ID numbers and phones). */
  reveal?: true;
  /** A file answer instead of JSON. */
  file?: 'xlsx' | 'binary';
}

export interface ModuleDocs {
  /** The OpenAPI tag: the module's Chinese name. */
  tag: string;
  /** English description of the tag (with the source folder). */
  description: string;
  /** 'METHOD /path' as registered under /api/v1 (without the prefix). */
  routes: Record<string, RouteDoc>;
}

const xlsx = (summary: string, query?: z.ZodType, description?: string): RouteDoc => ({ summary, query, file: 'xlsx', ...(description ? { description } : {}) });
const ok = z.object({ ok: z.literal(true) });
const idOnly = z.object({ id: z.number() });
const itemsOf = (item: z.ZodType) => z.object({ items: z.array(item) });

/**
 * Answers whose module has no zod schema, described here only. Each is checked against the
 * type the handler returns (`satisfies`), so a field dropped from the answer fails to compile.
 */
const revealNote = '证件号码、电话默认脱敏；加 reveal=idNumber,phone 显示明文（须有「查看完整身份证号和电话」权限（person.reveal），并记入审计）。';

export const API_CATALOG: Record<string, ModuleDocs> = {
};
