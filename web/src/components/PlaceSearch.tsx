import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchPlaces } from '../api/places';
import type { PlaceSearchHit } from '../api/types';

const WAIT_MS = 250;

/** Type a place name, pick one of the matches under `within` (the user's scope), shown with its path. */
export function PlaceSearch({ within, onSelect }: { within: string; onSelect: (code: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<PlaceSearchHit[]>([]);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    const q = text.trim();
    if (!q) {
      setHits([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      searchPlaces(q, within, controller.signal).then(
        (result) => {
          setHits(result);
          setFailure(undefined);
          setLoading(false);
        },
        (error: Error) => {
          if (controller.signal.aborted) return;
          setHits([]);
          setFailure(error.message);
          setLoading(false);
        },
      );
    }, WAIT_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, within]);

  return (
    <Select
      className="place-search"
      placeholder={t('place.searchPlaceholder')}
      value={null}
      showSearch={{ onSearch: setText, filterOption: false, searchValue: text }}
      loading={loading}
      notFoundContent={failure ?? (text.trim() ? (loading ? t('place.searching') : t('place.noMatch')) : t('place.typeHint'))}
      options={hits.map((hit) => ({
        value: hit.code,
        label: hit.path.map((p) => p.name).join(' / '),
      }))}
      onSelect={(code: string | null) => {
        setText('');
        if (code) onSelect(code);
      }}
      popupMatchSelectWidth={320}
      allowClear={false}
    />
  );
}
