/**
 * 查询 / 重置 at the end of every filter form: 查询 applies what is typed (and asks again, for
 * filters that apply as they are chosen), 重置 clears every filter back to the full list.
 */
import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';

export function FilterButtons({ onSearch, onReset }: { onSearch: () => void; onReset: () => void }) {
  const { t } = useTranslation();
  return (
    <span className="filter-buttons" data-testid="filter-buttons">
      <Button type="primary" icon={<SearchOutlined />} onClick={onSearch}>
        {t('common.search')}
      </Button>
      <Button icon={<ReloadOutlined />} onClick={onReset} style={{ marginLeft: 8 }}>
        {t('common.reset')}
      </Button>
    </span>
  );
}
