/**
 * The 公示 as a public document (issue 25 item 5): generated from the notice's record as a
 * print-ready page (the browser prints it; no document library: the web page is the document,
 * laid out for A4), with every free text redacted — no 身份证号, 手机号, 银行账号 or health facts,
 * whatever was typed into a case's reason or the notice's contact — and no objection register
 * (it names objectors and their phones). Every generation is audited.
 */
import type { Db } from '../../db/database';
import { publicLeaks, redactPublicText } from '../../domain/documents/redact';
import { recordAudit, type AuditActor } from '../audit/service';
import { getNotice } from './notices';
import type { Caller } from './reach';

export async function noticeDocument(db: Db, caller: Caller, id: number, actor: AuditActor, at: Date) {
  const notice = await getNotice(db, caller, id);
  let hidden = 0;
  const clean = (text: string) => {
    const r = redactPublicText(text);
    hidden += r.hidden;
    return r.text;
  };
  const households = notice.households.map((h) => ({ caseId: h.caseId, headName: clean(h.headName), persons: h.persons, reason: h.reason === null ? null : clean(h.reason) }));
  const document = {
    id: notice.id, procedure: notice.procedure, procedureLabel: notice.procedureLabel, villageName: notice.villageName, placePath: notice.placePath,
    startsOn: notice.startsOn, endsOn: notice.endsOn, days: notice.days, contact: clean(notice.contact), households,
  };
  const leaks = publicLeaks(JSON.stringify(document));
  if (leaks.length) throw new Error(`公示 ${id} 在隐去后仍含有${leaks.join('、')}`);
  await recordAudit(db, {
    ...actor, at, action: 'documents.notice', objectType: 'procedure_notice', objectId: String(id), placeCode: notice.villageCode,
    after: { households: households.length, hidden },
  });
  return { ...document, hidden };
}
