/** 办理记录: every step taken, with who, when, the decision, the comment and the evidence files with their SHA-256. */
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../app/labels';
import { roleName } from '../../app/roleName';
import { evidenceUrl, type Evidence, type HistoryEntry } from './api';

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function EvidenceList({ files }: { files: Evidence[] }) {
  const { t } = useTranslation();
  return (
    <ul className="evidence-list">
      {files.map((f) => (
        <li key={f.id} data-testid="evidence-file">
          <a href={evidenceUrl(f.id)}>{f.name}</a>
          <span className="evidence-meta">{` ${f.mediaType} · ${sizeText(f.size)}`}</span>
          <div className="mono evidence-hash" title={t('procedures.case.sha')}>
            {f.digestAlg === 'sm3' ? 'SM3' : 'SHA-256'} {f.digest}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function CaseHistory({ history }: { history: HistoryEntry[] }) {
  const { t } = useTranslation();
  return (
    <Table<HistoryEntry>
      size="small"
      bordered
      rowKey="seq"
      pagination={false}
      dataSource={history}
      data-testid="case-history"
      className="case-history"
      scroll={{ x: 1200 }}
      columns={[
        { key: 'seq', title: t('procedures.case.seq'), dataIndex: 'seq', width: 48 },
        { key: 'step', title: t('procedures.case.step'), dataIndex: 'stepLabel', width: 180 },
        { key: 'result', title: t('procedures.case.result'), dataIndex: 'resultLabel', width: 130 },
        {
          key: 'actor',
          title: t('procedures.case.actor'),
          width: 150,
          render: (_: unknown, s) => (s.actorName ? `${s.actorName}${s.actorRole ? `（${roleName(s.actorRole, s.actorRoleLabel ?? s.actorRole)}）` : ''}` : '—'),
        },
        { key: 'time', title: t('procedures.case.time'), dataIndex: 'at', width: 150, render: (v: string) => formatTime(v) },
        { key: 'comment', title: t('procedures.common.comment'), dataIndex: 'comment', width: 280, render: (v: string | null) => v || '—' },
        { key: 'files', title: t('procedures.case.files'), render: (_: unknown, s) => (s.evidence.length ? <EvidenceList files={s.evidence} /> : '—') },
      ]}
    />
  );
}
