/** 帮扶情况 on the card: the responsible cadres (and former ones), each year's plan measures and the visit log (一户一策, 走访). */
import { Button, Card, Descriptions, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../api/client';
import { useApi } from '../../app/useApi';
import { ErrorState } from '../../components/ErrorState';
import { useCan } from '../../app/auth';
import { getVisits, photoUrl, type Visit } from '../../modules/assistance/api';
import { MeasureForm, type PlanMeasure } from '../../modules/assistance/MeasureForm';
import { PairForm } from '../../modules/assistance/PairForm';

interface PlanCadre { id: number; cadreName: string; unit: string; rank: string; startedOn: string; endedOn: string | null }
interface Plan { household: { countyCode: string; villageCode: string; size: number }; cadres: PlanCadre[]; measures: PlanMeasure[] }

const day = (value: string | null) => (value ? String(value).slice(0, 10) : '—');

export function AssistancePanel({ householdNo, version }: { householdNo: string; version: number }) {
  const { t } = useTranslation();
  const plan = useApi(`plan:${householdNo}#${version}`, (signal) => getJson<Plan>(`/assistance/households/${encodeURIComponent(householdNo)}/plan`, {}, signal));
  const visits = useApi(`visits:${householdNo}#${version}`, (signal) => getVisits({ householdNo }, signal));
  const can = useCan();
  /** The measure form open: a measure to change, 'new', or none. */
  const [editing, setEditing] = useState<PlanMeasure | 'new'>();
  const [pairing, setPairing] = useState(false);
  const saved = () => {
    setEditing(undefined);
    setPairing(false);
    plan.reload();
  };
  if (plan.error) return <ErrorState error={plan.error} onRetry={plan.reload} />;
  if (visits.error) return <ErrorState error={visits.error} onRetry={visits.reload} />;
  const current = (plan.data?.cadres ?? []).filter((c) => !c.endedOn);
  const former = (plan.data?.cadres ?? []).filter((c) => c.endedOn);
  /** Every year's plan, newest first (measures come newest year first, main first). */
  const years = [...new Set((plan.data?.measures ?? []).map((m) => m.year))];
  const measuresOf = (year: number) => (plan.data?.measures ?? []).filter((m) => m.year === year);
  return (
    <Card
      size="small"
      title={t('card.assistance.title')}
      data-section="assistance"
      loading={plan.loading || visits.loading}
      extra={
        <Space>
          {can('assistance.manage') && plan.data && (
            <Button size="small" className="card-pair" onClick={() => setPairing(true)}>
              {t('assistance.pairForm.open')}
            </Button>
          )}
          {can('assistance.write') && plan.data && (
            <Button size="small" type="primary" className="card-add-measure" onClick={() => setEditing('new')}>
              {t('assistance.measureForm.add')}
            </Button>
          )}
        </Space>
      }
    >
      {editing && plan.data && (
        <MeasureForm
          householdNo={householdNo}
          countyCode={plan.data.household.countyCode}
          size={plan.data.household.size}
          measure={editing === 'new' ? undefined : editing}
          year={years[0]}
          onClose={() => setEditing(undefined)}
          onSaved={saved}
        />
      )}
      {pairing && plan.data && <PairForm householdNo={householdNo} place={plan.data.household.villageCode.slice(0, 6)} onClose={() => setPairing(false)} onSaved={saved} />}
      <Descriptions size="small" bordered column={1}>
        <Descriptions.Item label={t('card.assistance.cadres')}>
          {current.length ? current.map((c) => <Tag key={c.id}>{`${c.cadreName}（${c.unit}，${t('card.assistance.since', { date: day(c.startedOn) })}）`}</Tag>) : t('card.assistance.noCadre')}
        </Descriptions.Item>
        {former.length > 0 && (
          <Descriptions.Item label={t('card.assistance.formerCadres')}>
            {former.map((c) => <Tag key={c.id} data-former-cadre={c.id}>{`${c.cadreName}（${c.unit}，${day(c.startedOn)} — ${day(c.endedOn)}）`}</Tag>)}
          </Descriptions.Item>
        )}
        {years.length === 0 && <Descriptions.Item label={t('card.assistance.measures')}>{t('card.assistance.noMeasures')}</Descriptions.Item>}
        {years.map((year) => (
          <Descriptions.Item key={year} label={t('card.assistance.measuresOf', { year })}>
            <span data-plan-year={year}>
              {measuresOf(year).map((m) => (
                <Tag
                  key={m.id}
                  color={m.role === 'main' ? 'blue' : undefined}
                  data-role={m.role}
                  data-measure={m.type}
                  style={can('assistance.write') ? { cursor: 'pointer' } : undefined}
                  title={can('assistance.write') ? t('assistance.measureForm.edit') : undefined}
                  onClick={can('assistance.write') ? () => setEditing(m) : undefined}
                >
                  {`${m.typeLabel}${m.role === 'main' ? t('card.assistance.main') : t('card.assistance.auxiliary')}${m.amount ? ` ${Number(m.amount).toLocaleString('zh-CN')} 元` : ''}${m.providerDepartment ? ` · ${m.providerDepartment}` : ''}`}
                </Tag>
              ))}
            </span>
          </Descriptions.Item>
        ))}
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
