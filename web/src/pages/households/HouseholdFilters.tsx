import { Button, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enumOptions, householdAttribute, householdStatus, povertyCause } from '../../app/labels';
import type { HouseholdListQuery } from '../../api/households';
import type { FilterKey } from './householdQuery';
import { useBusinessYear } from '../../app/businessYear';

interface Props {
  query: HouseholdListQuery;
  onChange: (changes: Partial<Record<FilterKey, string | undefined>>) => void;
}

/** 户状态 (at the end of the business year), 户属性, 致贫原因 and a name / ID number search, all kept in the URL. */
export function HouseholdFilters({ query, onChange }: Props) {
  const { t } = useTranslation();
  const { year } = useBusinessYear();
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);

  const select = (key: FilterKey, placeholder: string, options: { value: string; label: string }[], width = 120) => (
    <Select
      aria-label={placeholder}
      data-testid={`filter-${key}`}
      placeholder={placeholder}
      allowClear
      style={{ width }}
      value={query[key]}
      options={options}
      onChange={(value?: string) => onChange({ [key]: value })}
    />
  );

  return (
    <Space wrap size={[8, 8]} className="household-filters">
      {select('status', t('households.statusOf', { year }), enumOptions(householdStatus), 170)}
      {select('attribute', t('households.attribute'), enumOptions(householdAttribute), 140)}
      {select('cause', t('households.cause'), enumOptions(povertyCause), 150)}
      <Input.Search
        aria-label={t('households.searchLabel')}
        placeholder={t('households.searchPlaceholder')}
        allowClear
        style={{ width: 250 }}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onSearch={(value) => onChange({ q: value.trim() || undefined })}
        enterButton={t('common.search')}
      />
      <Button onClick={() => onChange({ status: undefined, attribute: undefined, cause: undefined, q: undefined })}>
        {t('common.reset')}
      </Button>
    </Space>
  );
}
