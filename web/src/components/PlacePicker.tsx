import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchPlaces } from '../api/places';

const WAIT_MS = 250;

interface Props {
  /** Search only under this place (the user's scope). */
  within: string;
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
}

/** A form field holding a place code, chosen by typing its name (matches shown with their paths). */
export function PlacePicker({ within, value, onChange, id }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string>();

  useEffect(() => {
    const q = text.trim();
    if (!q) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      searchPlaces(q, within, controller.signal).then(
        (hits) => {
          setOptions(hits.map((h) => ({ value: h.code, label: `${h.path.map((p) => p.name).join(' / ')}（${h.code}）` })));
          setFailure(undefined);
          setLoading(false);
        },
        (error: Error) => {
          if (controller.signal.aborted) return;
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
      id={id}
      value={value}
      placeholder={t('place.searchPlaceholder')}
      showSearch={{ onSearch: setText, filterOption: false, searchValue: text }}
      loading={loading}
      allowClear
      notFoundContent={failure ?? (text.trim() ? (loading ? t('place.searching') : t('place.noMatch')) : t('place.typeHint'))}
      options={options}
      onChange={(code?: string) => {
        setText('');
        onChange?.(code);
      }}
    />
  );
}
