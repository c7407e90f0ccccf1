/** Sending a report workbook as a download. */
import type { FastifyReply } from 'fastify';
import { attachmentHeader, reportWorkbook, XLSX_MEDIA_TYPE, type ReportSheet } from './workbook';

export async function sendWorkbook(reply: FastifyReply, sheets: ReportSheet[], asciiName: string, name: string) {
  const body = await reportWorkbook(sheets);
  return reply.type(XLSX_MEDIA_TYPE).header('content-disposition', attachmentHeader(asciiName, name)).send(body);
}
