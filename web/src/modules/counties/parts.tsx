/** Pieces the county pages share: the place path, the year picker, a condition cell coloured 达标 / 未达标. */
import { Breadcrumb, InputNumber, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSelectedPlace } from '../../app/useSelectedPlace';

export function PlacePath() {
  const { t } = useTranslation();
  const selected = useSelectedPlace();
  const steps = selected.data?.path ?? [];
  return <Breadcrumb className="drill-path" items={[{ key: '0', title: t('counties.title') }, ...steps.map((s) => ({ key: s.code, title: s.name }))]} />;
}

/** The business year of the page, kept in the URL (?year=); the current year until one is chosen. */
export function useYear(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  return [year, (y) => setParams((p) => { p.set('year', String(y)); return p; })];
}

export function YearPicker({ year, onChange }: { year: number; onChange: (y: number) => void }) {
  const { t } = useTranslation();
  return (
    <span>
      {t('counties.year')} <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && onChange(v)} data-testid="year-input" />
    </span>
  );
}

export function ConditionCell({ c }: { c: { key: string; shown: string | null; passed: boolean; reason: string; formula?: string; source?: string } | undefined }) {
  const { t } = useTranslation();
  if (!c) return null;
  const tip = [c.reason, c.formula, c.source].filter(Boolean).join('\n');
  return (
    <Tooltip title={<div style={{ whiteSpace: 'pre-line' }}>{tip}</div>}>
      <span data-testid={`condition-${c.key}`} className={c.passed ? 'condition-ok' : 'condition-fail'}>
        {c.shown ?? t('counties.noData')} <Tag color={c.passed ? 'green' : 'red'}>{c.passed ? t('counties.passed') : t('counties.failed')}</Tag>
      </span>
    </Tooltip>
  );
}
