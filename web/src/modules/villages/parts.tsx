/** Pieces of the villages pages: the verdict tag and the breadcrumb of a village or a place. */
import { Breadcrumb, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useSelectedPlace } from '../../app/useSelectedPlace';

export function VerdictTag({ passed }: { passed: boolean | null }) {
  const { t } = useTranslation();
  if (passed === null) return <Tag className="verdict-tag">{t('villages.none')}</Tag>;
  return <Tag className="verdict-tag" color={passed ? 'green' : 'red'}>{t(passed ? 'villages.passed' : 'villages.failed')}</Tag>;
}

/** 村情与出列 / 县 / 乡镇 / 村: each step opens the village list of that place. */
export function VillageBreadcrumb({ steps, year }: { steps?: { code: string; name: string }[]; year: number }) {
  const { t } = useTranslation();
  const selected = useSelectedPlace();
  const path = steps ?? selected.data?.path ?? [];
  const items = [
    { key: 'list', title: <Link to={`/villages?year=${year}`}>{t('villages.menu.list')}</Link> },
    ...path.map((s, i) => ({ key: s.code, title: i < path.length - 1 || steps ? <Link to={`/villages?place=${s.code}&year=${year}`}>{s.name}</Link> : <strong>{s.name}</strong> })),
  ];
  return <Breadcrumb className="village-breadcrumb" items={items} />;
}
