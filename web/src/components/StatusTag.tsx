import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { enumLabel, householdStatus, monitorCategory, STATUS_COLORS } from '../app/labels';

interface Props {
  status: string;
  category?: string | null;
  /** Lists: the category only as a tooltip, to keep the column narrow. */
  compact?: boolean;
}

/** 户状态 as a coloured tag, with the monitoring category when the household is monitored. */
export function StatusTag({ status, category, compact }: Props) {
  useTranslation();
  const statusText = enumLabel(householdStatus, status);
  const categoryText = category ? enumLabel(monitorCategory, category) : undefined;
  const tag = (
    <Tag color={STATUS_COLORS[status] ?? 'default'}>
      {categoryText && !compact ? `${statusText}（${categoryText}）` : statusText}
    </Tag>
  );
  return categoryText && compact ? <Tooltip title={categoryText}>{tag}</Tooltip> : tag;
}
