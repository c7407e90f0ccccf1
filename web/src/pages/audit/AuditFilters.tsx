import { Button, DatePicker, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_LABELS } from '../../../../src/modules/audit/labels';
import type { AuditFilter } from '../../api/audit';
import { FilterButtons } from '../../components/FilterButtons';

const PLACE_CODE = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/** Time range (whole days, Beijing time on the server), user name, action and place code. */
export function AuditFilters({ onSearch }: { onSearch: (filter: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [user, setUser] = useState('');
  const [action, setAction] = useState<string>();
  const [place, setPlace] = useState('');
  const placeBad = place.trim() !== '' && !PLACE_CODE.test(place.trim());

  const search = () => {
    if (placeBad) return;
    onSearch({
      from: range?.[0]?.format('YYYY-MM-DD'),
      // The server's `to` is exclusive: the day after the last chosen day.
      to: range?.[1]?.add(1, 'day').format('YYYY-MM-DD'),
      user: user.trim() || undefined,
      action,
      place: place.trim() || undefined,
    });
  };

  return (
    <Space wrap className="household-filters">
      <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} aria-label={t('audit.range')} allowEmpty={[true, true]} />
      <Input placeholder={t('audit.user')} value={user} onChange={(e) => setUser(e.target.value)} onPressEnter={search} style={{ width: 140 }} allowClear />
      <Select
        placeholder={t('audit.action')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 200 }}
        value={action}
        onChange={setAction}
        options={Object.entries(AUDIT_ACTION_LABELS).map(([code, label]) => ({ value: code, label }))}
      />
      <Input
        placeholder={t('audit.place')}
        value={place}
        onChange={(e) => setPlace(e.target.value)}
        onPressEnter={search}
        status={placeBad ? 'error' : undefined}
        title={placeBad ? t('audit.placeInvalid') : undefined}
        style={{ width: 150 }}
        allowClear
      />
      <FilterButtons
        onSearch={search}
        onReset={() => {
          setRange(null);
          setUser('');
          setAction(undefined);
          setPlace('');
          onSearch({});
        }}
      />
    </Space>
  );
}
