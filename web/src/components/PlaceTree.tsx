import { App, Spin, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api/client';
import { getPlaceChildren, NATION } from '../api/places';
import type { PlaceChild } from '../api/types';
import { cachedPlace } from '../app/placeCache';
import { ErrorState } from './ErrorState';
import { PlaceTitle } from './PlaceTitle';

const VILLAGE = 5;

interface Props {
  /** Selected place code; undefined = the nation. */
  selected: string | undefined;
  onSelect: (code: string | undefined) => void;
}

/**
 * The administrative tree from the nation down to villages, loaded one level at a time,
 * each node with its poor households/persons. Opens itself down to the selected place.
 */
export function PlaceTree({ selected, onSelect }: Props) {
  const { message } = App.useApp();
  const showError = useRef(message.error);
  showError.current = message.error;
  const [childrenOf, setChildrenOf] = useState<Record<string, PlaceChild[]>>({});
  const [expanded, setExpanded] = useState<string[]>([NATION]);
  const [rootError, setRootError] = useState<ApiError>();
  /** A place just opened down to, to scroll into view once it is drawn. */
  const [revealed, setRevealed] = useState<string>();
  const requests = useRef(new Map<string, Promise<void>>());
  const container = useRef<HTMLDivElement>(null);

  const loadChildren = useCallback((code: string): Promise<void> => {
    let pending = requests.current.get(code);
    if (!pending) {
      pending = getPlaceChildren(code).then((result) => setChildrenOf((prev) => ({ ...prev, [code]: result.children })));
      pending.catch(() => requests.current.delete(code));
      requests.current.set(code, pending);
    }
    return pending;
  }, []);

  const loadRoot = useCallback(() => {
    setRootError(undefined);
    loadChildren(NATION).catch((error: ApiError) => setRootError(error));
  }, [loadChildren]);

  useEffect(loadRoot, [loadRoot]);

  useEffect(() => {
    if (!selected || selected === NATION) return;
    let cancelled = false;
    cachedPlace(selected)
      .then(async (place) => {
        const ancestors = [NATION, ...place.path.slice(0, -1).map((p) => p.code)];
        await Promise.all(ancestors.map(loadChildren));
        if (cancelled) return;
        setExpanded((prev) => (ancestors.every((a) => prev.includes(a)) ? prev : [...new Set([...prev, ...ancestors])]));
        setRevealed(selected);
      })
      .catch((error: ApiError) => {
        if (!cancelled) showError.current(error.message);
      });
    return () => {
      cancelled = true;
    };
  }, [selected, loadChildren]);

  useEffect(() => {
    if (!revealed) return;
    const node = container.current?.querySelector('.ant-tree-treenode-selected');
    if (!node) return;
    node.scrollIntoView({ block: 'nearest' });
    setRevealed(undefined);
  }, [revealed, childrenOf, expanded]);

  if (rootError) return <ErrorState error={rootError} onRetry={loadRoot} />;
  const provinces = childrenOf[NATION];
  if (!provinces) return <Spin className="place-tree-loading" />;

  const toNode = (place: PlaceChild): DataNode => {
    const children = childrenOf[place.code];
    return {
      key: place.code,
      title: <PlaceTitle place={place} />,
      isLeaf: place.level >= VILLAGE || (children !== undefined && children.length === 0),
      children: children?.map(toNode),
    };
  };
  const nation: PlaceChild = {
    code: NATION,
    name: '全国',
    level: 0,
    households: sum(provinces, 'households'),
    persons: sum(provinces, 'persons'),
    poorHouseholds: sum(provinces, 'poorHouseholds'),
    poorPersons: sum(provinces, 'poorPersons'),
  };
  const treeData: DataNode[] = [{ key: NATION, title: <PlaceTitle place={nation} />, children: provinces.map(toNode) }];

  return (
    <div ref={container}>
      <Tree
        className="place-tree"
        blockNode
        treeData={treeData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(String))}
        selectedKeys={[selected ?? NATION]}
        onSelect={(_keys, info) => {
          const code = String(info.node.key);
          onSelect(code === NATION ? undefined : code);
        }}
        loadData={(node) =>
          loadChildren(String(node.key)).catch((error: ApiError) => {
            showError.current(error.message);
          })
        }
      />
    </div>
  );
}

function sum(places: PlaceChild[], field: 'households' | 'persons' | 'poorHouseholds' | 'poorPersons'): number {
  return places.reduce((total, p) => total + p[field], 0);
}
