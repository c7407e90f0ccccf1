/** The auditor's export: matching events, newest first, streamed into an .xlsx with Chinese headers. */
import type { Writable } from 'node:stream';
import type { Db } from '../../db/database';
import { streamWorkbook } from '../../spreadsheet';
import { AUDIT_OUTCOME_LABELS, auditActionLabel } from './labels';
import { streamAuditEvents, type AuditFilter } from './queries';

/** At most this many events in one file; narrow the filter for more. */
export const AUDIT_EXPORT_LIMIT = 200_000;

const COLUMNS = [
  { header: '序号', key: 'id', width: 10 },
  { header: '时间（北京时间）', key: 'at', width: 21 },
  { header: '用户名', key: 'username', width: 16 },
  { header: '角色', key: 'role', width: 18 },
  { header: '地址', key: 'address', width: 16 },
  { header: '操作', key: 'action', width: 18 },
  { header: '操作代码', key: 'actionCode', width: 22 },
  { header: '对象类型', key: 'objectType', width: 12 },
  { header: '对象', key: 'objectId', width: 22 },
  { header: '地区代码', key: 'placeCode', width: 14 },
  { header: '结果', key: 'outcome', width: 8 },
  { header: '说明', key: 'note', width: 30 },
  { header: '修改前', key: 'before', width: 40 },
  { header: '修改后', key: 'after', width: 40 },
  { header: '哈希', key: 'hash', width: 66 },
];

const beijing = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Write the workbook to `out`; returns the number of events written. */
export async function writeAuditWorkbook(db: Db, filter: AuditFilter, out: Writable, roleLabel: (role: string) => string): Promise<number> {
  const workbook = streamWorkbook(out, { styles: true });
  const sheet = workbook.addSheet({ name: '审计日志', columns: COLUMNS, boldHeader: true });
  let written = 0;
  for await (const rows of streamAuditEvents(db, filter)) {
    for (const e of rows) {
      if (written >= AUDIT_EXPORT_LIMIT) break;
      sheet.addRow({
        id: e.id,
        at: beijing(new Date(e.at)),
        username: e.username,
        role: e.role ? roleLabel(e.role) : null,
        address: e.address,
        action: auditActionLabel(e.action),
        actionCode: e.action,
        objectType: e.object_type,
        objectId: e.object_id,
        placeCode: e.place_code,
        outcome: AUDIT_OUTCOME_LABELS[e.outcome] ?? e.outcome,
        note: e.note,
        before: json(e.before),
        after: json(e.after),
        hash: e.hash,
      });
      written++;
    }
    if (written >= AUDIT_EXPORT_LIMIT) break;
  }
  await workbook.commit();
  return written;
}
