import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { searchPlaces } from '../api/places';
import type { PlaceSearchHit } from '../api/types';

const WAIT_MS = 250;

/** Type a place name, pick one of the matches (shown with its path). */
export function PlaceSearch({ onSelect }: { onSelect: (code: string) => void }) {
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
      searchPlaces(q, undefined, controller.signal).then(
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
  }, [text]);

  return (
    <Select
      className="place-search"
      placeholder="搜索区划名称"
      value={null}
      showSearch={{ onSearch: setText, filterOption: false, searchValue: text }}
      loading={loading}
      notFoundContent={failure ?? (text.trim() ? (loading ? '查询中…' : '没有匹配的区划') : '请输入乡镇、村名称')}
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
