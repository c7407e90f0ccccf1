/** Small parts of the ledger pages. */
import { InputNumber, Space } from 'antd';
import { useBusinessYear } from '../../app/businessYear';

/** The school or business year a ledger page reads: the header's business year (never the clock's); choosing another on the page changes the header's. */
export function useLedgerYear(): [number, (year: number | undefined) => void] {
  const { year, setYear } = useBusinessYear();
  return [year, (next) => next !== undefined && setYear(next)];
}

export function YearField({ label, value, onChange }: { label: string; value: number | undefined; onChange: (year: number | undefined) => void }) {
  return (
    <Space>
      <span>{label}</span>
      <InputNumber aria-label={label} min={2000} max={2100} value={value} onChange={(v) => onChange(v ?? undefined)} />
    </Space>
  );
}
