/**
 * 监测总览: households assessed in the selected place by risk grade, and by the places below it
 * (chart and table). A place drills down; a count opens the list of those households.
 */
import { ArrowUpOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { queryString } from '../../api/client';
import type { Grade } from '../../api/assessment';
import { formatTime } from '../../app/labels';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { useCan } from '../../app/auth';
import { usePlaceParam } from '../../app/usePlaceParam';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { RecomputeButton } from '../../components/RecomputeButton';
import { getOverview, type Overview } from './api';
import { GradeChart } from './GradeChart';
import { GRADE_COLORS, GRADES, parentCode } from './grades';
import { TableExport } from '../../components/TableExport';

type Child = Overview['children'][number];

/** The list page under a place and filters. */
export const listLink = (place: string, filter: Record<string, string> = {}) => `/monitoring/households?${queryString({ place, ...filter })}`;

export function OverviewPage() {
  const { t } = useTranslation();
  const selected = useSelectedPlace();
  const [, setPlace] = usePlaceParam();
  const place = selected.effectiveCode;
  const { year } = useBusinessYear();
  const can = useCan();
  const overview = useApi(`overview:${place}:${year}`, (signal) => getOverview({ place, year: String(year) }, signal));
  const o = overview.data?.place.code === place ? overview.data : undefined;
  const mayGoUp = place !== '0' && (selected.scopeCode === '0' || place.length > selected.scopeCode.length);
  const drillable = (o?.place.level ?? 0) < 4;

  const count = (code: string, grade: Grade | undefined, value: number) =>
    value === 0 ? <span className="muted">0</span> : <Link to={listLink(code, grade ? { grade } : {})} data-testid={`count-${code}-${grade ?? 'all'}`}>{value}</Link>;

  const columns: ColumnsType<Child> = [
    {
      key: 'name',
      title: t('monitoring.overview.place'),
      dataIndex: 'name',
      render: (name: string, c) =>
        drillable ? (
          <a onClick={() => setPlace(c.code)} data-testid={`drill-${c.code}`}>
            {name}
          </a>
        ) : (
          name
        ),
    },
    { key: 'households', title: t('monitoring.overview.households'), dataIndex: 'households', align: 'right', render: (v: number, c) => count(c.code, undefined, v) },
    { key: 'persons', title: t('monitoring.overview.persons'), dataIndex: 'persons', align: 'right' },
    ...GRADES.map((g) => ({
      key: g,
      title: <span style={{ color: GRADE_COLORS[g] }}>{t(`monitoring.grades.${g}`)}</span>,
      align: 'right' as const,
      render: (_: unknown, c: Child) => count(c.code, g, c.grades[g].households),
    })),
  ];

  return (
    <div className="monitoring-overview-page">
      <Card
        size="small"
        title={
          <Space>
            {t('monitoring.overview.title')}
            <Typography.Text type="secondary">{o ? `${o.place.name} · ${o.year ? t('monitoring.overview.year', { year: o.year }) : t('monitoring.overview.noYear')}` : '…'}</Typography.Text>
          </Space>
        }
        extra={
          <Space>
            {mayGoUp && (
              <Button icon={<ArrowUpOutlined />} onClick={() => setPlace(parentCode(place) === '0' && selected.scopeCode !== '0' ? undefined : parentCode(place))}>
                {t('monitoring.overview.up')}
              </Button>
            )}
            <RecomputeButton place={place === '0' ? undefined : place} placeName={o?.place.name ?? place} onDone={overview.reload} />
          </Space>
        }
      >
        {overview.error ? (
          <ErrorState error={overview.error} onRetry={overview.reload} />
        ) : !o ? (
          <Spin className="page-loading" />
        ) : (
          <>
            {o.households === 0 && <Alert type="info" showIcon title={t(can('monitoring.recompute') ? 'monitoring.overview.empty' : 'monitoring.overview.emptyAsk', { year })} />}
            {/* The tiles and facts only when there are results behind them. */}
            {o.households > 0 && (<>
            <Row gutter={12} className="grade-tiles">
              <Col span={4}>
                <Statistic title={t('monitoring.overview.households')} value={o.households} suffix={<small>{t('monitoring.overview.perPersons', { count: o.persons })}</small>} />
              </Col>
              {GRADES.map((g) => (
                <Col span={5} key={g}>
                  <Link to={listLink(place, { grade: g })} data-testid={`tile-${g}`}>
                    <Statistic title={t(`monitoring.grades.${g}`)} value={o.grades[g].households} styles={{ content: { color: GRADE_COLORS[g] } }} suffix={<small>{t('monitoring.overview.perPersons', { count: o.grades[g].persons })}</small>} />
                  </Link>
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary" className="overview-facts">
              {o.computedAt && t('monitoring.overview.computedAt', { time: formatTime(o.computedAt) })}
              {o.policyKeys.length > 0 && ` · ${t('monitoring.overview.policy')}：${o.policyKeys.join('，')}`}
              {' · '}
              {t('monitoring.overview.suggested')}：
              {(['unstable', 'marginal', 'sudden'] as const).map((c) => (
                <Link key={c} to={listLink(place, { suggested: c })} style={{ marginLeft: 8 }}>
                  {t(`monitoring.categories.${c}`)} {o.suggested[c].households}
                </Link>
              ))}
            </Typography.Paragraph>
            </>)}
          </>
        )}
      </Card>
      {o && o.children.length > 0 && (
        <Card size="small" title={t('monitoring.overview.byPlace')} extra={<Space><Typography.Text type="secondary">{t('monitoring.overview.drillHint')}</Typography.Text><TableExport /></Space>} className="card-section">
          <GradeChart places={o.children} onPick={(code) => drillable && setPlace(code)} />
          <Table<Child> rowKey="code" size="small" bordered columns={columns} dataSource={o.children} pagination={false} loading={overview.loading} data-testid="children-table" />
        </Card>
      )}
    </div>
  );
}
