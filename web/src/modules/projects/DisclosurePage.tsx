/** 公示: a print view of the funds of a village (or one project) in a year: every allocation and every payment with its voucher. */
import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { ReportActions } from '../reports/parts';
import { getDisclosure, yuan, type Allocation, type Disbursement } from './api';
import { useYear } from './parts';

export function DisclosurePage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const [params] = useSearchParams();
  const [year] = useYear();
  const projectId = Number(params.get('projectId')) || undefined;
  const data = useApi(`${place}/${year}/${projectId}`, (signal) => getDisclosure({ place, year, projectId }, signal));
  const d = data.data;
  const target = (r: Allocation | Disbursement) => r.projectName ?? `${r.headName ?? ''}（${r.householdNo}）`;
  return (
    <div className="report-page disclosure-page">
      <div className="report-head">
        <h2 className="report-title">{d ? t('projects.disclosureTitleOf', { place: d.placeName, year }) : t('projects.disclosureTitle')}</h2>
        <ReportActions />
      </div>
      {data.error ? <ErrorState error={data.error} onRetry={data.reload} /> : (
        <Card size="small" loading={data.loading && !d}>
          {d && (
            <>
              <p>{t('projects.disclosureIntro', { allocated: yuan(d.totalAllocated), disbursed: yuan(d.totalDisbursed) })}</p>
              <h3>{t('projects.tabAllocations')}</h3>
              <Table<Allocation> rowKey="id" size="small" bordered pagination={false} dataSource={d.allocations} columns={[
                { title: t('projects.target'), key: 'target', render: (_: unknown, r) => target(r) },
                { title: t('projects.source'), dataIndex: 'sourceName' },
                { title: t('projects.allocatedOn'), dataIndex: 'allocatedOn' },
                { title: t('projects.amount'), dataIndex: 'amount', align: 'right', render: yuan },
                { title: t('projects.disbursed'), dataIndex: 'disbursed', align: 'right', render: yuan },
              ]} />
              <h3>{t('projects.tabDisbursements')}</h3>
              <Table<Disbursement> rowKey="id" size="small" bordered pagination={false} dataSource={d.disbursements} columns={[
                { title: t('projects.paidOn'), dataIndex: 'paidOn' },
                { title: t('projects.voucher'), dataIndex: 'voucherNo' },
                { title: t('projects.target'), key: 'target', render: (_: unknown, r) => target(r) },
                { title: t('projects.payee'), dataIndex: 'payee', render: (v) => v ?? '—' },
                { title: t('projects.amount'), dataIndex: 'amount', align: 'right', render: yuan },
              ]} />
              <p className="disclosure-footer">{t('projects.disclosureFooter')}</p>
            </>
          )}
        </Card>
      )}
    </div>
  );
}
