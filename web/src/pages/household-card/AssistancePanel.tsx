/** 帮扶情况 on the card: the responsible cadres, the plan's measures and the visit log (一户一策, 走访). */
import { Card, Descriptions, Empty, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../api/client';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { getVisits, photoUrl, type Visit } from '../../modules/assistance/api';

interface PlanCadre { id: number; cadreName: string; unit: string; rank: string; startedOn: string; endedOn: string | null }
interface PlanMeasure { id: number; year: number; typeLabel: string; role: string; amount: number | null; providerDepartment: string | null }
interface Plan { cadres: PlanCadre[]; measures: PlanMeasure[] }

const day = (value: string | null) => (value ? String(value).slice(0, 10) : '—');

export function AssistancePanel({ householdNo, version }: { householdNo: string; version: number }) {
  const { t } = useTranslation();
  const plan = useApi(`plan:${householdNo}#${version}`, (signal) => getJson<Plan>(`/assistance/households/${encodeURIComponent(householdNo)}/plan`, {}, signal));
  const visits = useApi(`visits:${householdNo}#${version}`, (signal) => getVisits({ householdNo }, signal));
  if (plan.error) return <ErrorState error={plan.error} onRetry={plan.reload} />;
  if (visits.error) return <ErrorState error={visits.error} onRetry={visits.reload} />;
  const current = (plan.data?.cadres ?? []).filter((c) => !c.endedOn);
  /** This year's plan: the newest year with measures (measures come newest year first, main first). */
  const planYear = plan.data?.measures[0]?.year;
  const measures = (plan.data?.measures ?? []).filter((m) => m.year === planYear);
  return (
    <Card size="small" title={t('card.assistance.title')} data-section="assistance" loading={plan.loading || visits.loading}>
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('card.assistance.cadres')}>
          {current.length ? current.map((c) => <Tag key={c.id}>{`${c.cadreName}（${c.unit}，${t('card.assistance.since', { date: day(c.startedOn) })}）`}</Tag>) : t('card.assistance.noCadre')}
        </Descriptions.Item>
        <Descriptions.Item label={planYear ? t('card.assistance.measuresOf', { year: planYear }) : t('card.assistance.measures')}>
          {measures.length
            ? measures.map((m) => (
                <Tag key={m.id} color={m.role === 'main' ? 'blue' : undefined} data-role={m.role}>
                  {`${m.typeLabel}${m.role === 'main' ? t('card.assistance.main') : t('card.assistance.auxiliary')}${m.amount ? ` ${m.amount} 元` : ''}${m.providerDepartment ? ` · ${m.providerDepartment}` : ''}`}
                </Tag>
              ))
            : t('card.assistance.noMeasures')}
        </Descriptions.Item>
      </Descriptions>
      <Table<Visit>
        className="visits-table"
        size="small"
        rowKey="id"
        style={{ marginTop: 12 }}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={visits.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('card.assistance.noVisits')} /> }}
        columns={[
          { title: t('card.assistance.visitedOn'), dataIndex: 'visitedOn', width: 110, render: (v: string) => day(v) },
          { title: t('card.assistance.cadre'), dataIndex: 'cadreName', width: 100 },
          { title: t('card.assistance.findings'), dataIndex: 'findings' },
          { title: t('card.assistance.discussed'), dataIndex: 'measuresDiscussed', render: (v: string | null) => v ?? '—' },
          {
            title: t('card.assistance.photos'),
            dataIndex: 'photos',
            width: 90,
            render: (photos: string[], visit) =>
              photos.length
                ? photos.map((sha, i) => (
                    <a key={sha} href={photoUrl(visit.id, sha)} target="_blank" rel="noreferrer" style={{ marginRight: 6 }}>
                      {t('card.assistance.photo', { n: i + 1 })}
                    </a>
                  ))
                : '—',
          },
        ]}
      />
    </Card>
  );
}
