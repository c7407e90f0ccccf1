/** 帮扶措施覆盖: households and persons per measure type under the selected place (seed 002's list). */
import { Button, Space, Spin, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { queryString } from '../../api/client';
import { useApi } from '../../app/useApi';
import { useBusinessYear } from '../../app/businessYear';
import { usePlaceParam } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { exportUrl, getCoverage, type CoverageRow } from './api';

export function CoveragePage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const { year } = useBusinessYear();
  const coverage = useApi('coverage' + queryString({ place, year }), (signal) => getCoverage({ place, year }, signal));
  if (coverage.error) return <ErrorState error={coverage.error} onRetry={coverage.reload} />;
  return (
    <div className="assistance-coverage">
      <h2>{t('assistance.coverageTitle')}</h2>
      <Space>
        <span>{t('assistance.year')} {year}</span>
        <Button href={exportUrl('coverage', { place, year })}>{t('assistance.export')}</Button>
      </Space>
      {!coverage.data ? (
        <Spin className="page-loading" />
      ) : (
        <Table<CoverageRow>
          className="coverage-table"
          rowKey="type"
          size="small"
          pagination={false}
          dataSource={coverage.data.rows}
          columns={[
            { title: t('assistance.measure'), dataIndex: 'label' },
            { title: t('assistance.households'), dataIndex: 'households', align: 'right' },
            { title: t('assistance.persons'), dataIndex: 'persons', align: 'right' },
            { title: t('assistance.mainHouseholds'), dataIndex: 'mainHouseholds', align: 'right' },
          ]}
        />
      )}
    </div>
  );
}
