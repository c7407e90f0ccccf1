/** 公示公告: the notices of the selected place, and one village's notice as it is printed and posted. */
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Space, Spin, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useApi } from '../../app/useApi';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { NotFoundPage } from '../../pages/errors/NotFoundPage';
import { getNoticeDocument, listNotices, type NoticeListItem } from './api';
import { TableExport } from '../../components/TableExport';

export function NoticeListPage() {
  const { t } = useTranslation();
  const selected = useSelectedPlace();
  const list = useApi(`notices#${selected.code ?? ''}`, (signal) => listNotices(selected.code, signal));
  return (
    <Card size="small" title={t('procedures.notice.title')} className="procedures-page" extra={<TableExport />}>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <Table<NoticeListItem>
          size="small"
          bordered
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('procedures.notice.empty') }}
          columns={[
            { key: 'village', title: t('procedures.notice.village'), dataIndex: 'villageName' },
            { key: 'procedure', title: t('procedures.columns.procedure'), dataIndex: 'procedureLabel', width: 120 },
            { key: 'period', title: t('procedures.notice.period'), width: 220, render: (_: unknown, n) => `${n.startsOn} 至 ${n.endsOn}（${n.days}）` },
            { key: 'cases', title: t('procedures.notice.households'), dataIndex: 'cases', width: 80, align: 'right' },
            { key: 'objections', title: t('procedures.notice.openObjections'), dataIndex: 'openObjections', width: 100, align: 'right', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : '—') },
            { key: 'view', title: '', width: 100, render: (_: unknown, n) => <Link to={`/procedures/notices/${n.id}`}>{t('procedures.notice.view')}</Link> },
          ]}
        />
      )}
    </Card>
  );
}

export function NoticePrintPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const notice = useApi(`notice#${id}`, (signal) => getNoticeDocument(id, signal));
  if (notice.error?.status === 404) return <NotFoundPage message={notice.error.message} />;
  if (notice.error) return <ErrorState error={notice.error} onRetry={notice.reload} />;
  const n = notice.data;
  if (!n || n.id !== id) return <Spin size="large" className="page-loading" />;
  const procedure = n.procedureLabel.replace(/^贫困户/, '');
  return (
    <div className="notice-print-page">
      <Space className="no-print notice-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>{t('procedures.common.back')}</Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()}>{t('procedures.common.print')}</Button>
      </Space>
      <article className="notice-sheet" data-testid="notice-sheet">
        <h1>{t('procedures.notice.heading', { village: n.villageName, procedure: n.procedureLabel })}</h1>
        <p className="notice-intro">{t('procedures.notice.intro', { procedure })}</p>
        <table className="notice-table">
          <thead>
            <tr>
              <th>{t('procedures.notice.no')}</th>
              <th>{t('procedures.notice.head')}</th>
              <th>{t('procedures.notice.size')}</th>
              <th>{t('procedures.notice.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {n.households.map((h, i) => (
              <tr key={h.caseId}>
                <td>{i + 1}</td>
                <td>{h.headName}</td>
                <td>{h.persons}</td>
                <td>{h.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{t('procedures.notice.periodLine', { from: n.startsOn, to: n.endsOn, days: n.days })}</p>
        <p>{t('procedures.notice.objectLine', { contact: n.contact })}</p>
        <p className="notice-footer">{t('procedures.notice.footer', { place: n.placePath, date: n.startsOn })}</p>
      </article>
    </div>
  );
}
