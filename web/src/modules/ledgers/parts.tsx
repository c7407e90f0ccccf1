/** Small parts of the ledger pages. */
import { InputNumber, Space } from 'antd';

/** The school or business year a page reads (an explicit year, never the clock's). */
export const DEFAULT_YEAR = 2019;

export function YearField({ label, value, onChange }: { label: string; value: number | undefined; onChange: (year: number | undefined) => void }) {
  return (
    <Space>
      <span>{label}</span>
      <InputNumber aria-label={label} min={2000} max={2100} value={value} onChange={(v) => onChange(v ?? undefined)} />
    </Space>
  );
}
