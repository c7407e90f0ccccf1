import { Tag, Tooltip } from 'antd';
import { householdStatus, labelOf, monitorCategory, STATUS_COLORS } from '../app/labels';

interface Props {
  status: string;
  category?: string | null;
  /** Lists: the category only as a tooltip, to keep the column narrow. */
  compact?: boolean;
}

/** 户状态 as a coloured tag, with the monitoring category when the household is monitored. */
export function StatusTag({ status, category, compact }: Props) {
  const statusText = labelOf(householdStatus, status);
  const categoryText = category ? labelOf(monitorCategory, category) : undefined;
  const tag = (
    <Tag color={STATUS_COLORS[status] ?? 'default'}>
      {categoryText && !compact ? `${statusText}（${categoryText}）` : statusText}
    </Tag>
  );
  return categoryText && compact ? <Tooltip title={categoryText}>{tag}</Tooltip> : tag;
}
