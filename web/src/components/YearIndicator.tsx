import { CalendarOutlined } from '@ant-design/icons';
import { Select, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBusinessYear } from '../app/businessYear';

/** 业务年度 in the header: the one year every page, report, recompute and procedure works on. */
export function YearIndicator() {
  const { t } = useTranslation();
  const { year, dataYears, choices, setYear, shown } = useBusinessYear();
  if (!shown) return null;
  return (
    <div className="year-indicator" data-testid="year-indicator">
      <CalendarOutlined />
      <Tooltip title={t('year.hint')}>
        <span>{t('year.label')}</span>
      </Tooltip>
      <Select
        size="small"
        aria-label={t('year.label')}
        data-testid="header-year"
        value={year}
        style={{ width: 128 }}
        popupMatchSelectWidth={false}
        onChange={setYear}
        options={choices.map((y) => ({ value: y, label: dataYears.includes(y) ? t('year.withData', { year: y }) : t('year.option', { year: y }) }))}
      />
    </div>
  );
}
