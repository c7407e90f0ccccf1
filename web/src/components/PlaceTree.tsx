import { App, Spin, Tree } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client';
import { getPlaceChildren, NATION } from '../api/places';
import type { PlaceChild, PlaceRef } from '../api/types';
import { cachedPlace } from '../app/placeCache';
import { ErrorState } from './ErrorState';
import { PlaceTitle } from './PlaceTitle';

const VILLAGE = 5;

interface Props {
  /** The top of the tree: the user's scope place ('0' = the nation). */
  root: string;
  /** Selected place code; undefined = the root. */
  selected: string | undefined;
  onSelect: (code: string | undefined) => void;
}

/** The codes from `root` down to the parent of `code` (a place's path runs from its province). */
export function ancestorsWithin(root: string, path: PlaceRef[]): string[] {
  const below = path.slice(0, -1).map((p) => p.code).filter((c) => root === NATION || (c.startsWith(root) && c !== root));
  return [root, ...below];
}

/**
 * The administrative tree from the user's scope place down to villages, loaded one level at a
 * time, each node with its poor households/persons. Opens itself down to the selected place.
 */
export function PlaceTree({ root, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useRef(message.error);
  showError.current = message.error;
  const [childrenOf, setChildrenOf] = useState<Record<string, PlaceChild[]>>({});
  const [rootPlace, setRootPlace] = useState<PlaceRef>();
  const [expanded, setExpanded] = useState<string[]>([root]);
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
    const place = root === NATION ? Promise.resolve<PlaceRef>({ code: NATION, name: '', level: 0 }) : cachedPlace(root);
    Promise.all([place, loadChildren(root)]).then(
      ([p]) => setRootPlace({ code: p.code, name: p.name, level: p.level }),
      (error: ApiError) => setRootError(error),
    );
  }, [root, loadChildren]);

  useEffect(loadRoot, [loadRoot]);

  useEffect(() => {
    if (!selected || selected === root) return;
    let cancelled = false;
    cachedPlace(selected)
      .then(async (place) => {
        const ancestors = ancestorsWithin(root, place.path);
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
  }, [root, selected, loadChildren]);

  useEffect(() => {
    if (!revealed) return;
    const node = container.current?.querySelector('.ant-tree-treenode-selected');
    if (!node) return;
    node.scrollIntoView({ block: 'nearest' });
    setRevealed(undefined);
  }, [revealed, childrenOf, expanded]);

  if (rootError) return <ErrorState error={rootError} onRetry={loadRoot} />;
  const top = childrenOf[root];
  if (!top || !rootPlace) return <Spin className="place-tree-loading" />;

  const toNode = (place: PlaceChild): DataNode => {
    const children = childrenOf[place.code];
    return {
      key: place.code,
      title: <PlaceTitle place={place} />,
      isLeaf: place.level >= VILLAGE || (children !== undefined && children.length === 0),
      children: children?.map(toNode),
    };
  };
  // The root's counts are its children's sums; a village has no children to count.
  const rootNode = {
    ...rootPlace,
    name: root === NATION ? t('place.nation') : rootPlace.name,
    ...(top.length > 0
      ? { households: sum(top, 'households'), persons: sum(top, 'persons'), poorHouseholds: sum(top, 'poorHouseholds'), poorPersons: sum(top, 'poorPersons') }
      : {}),
  };
  const treeData: DataNode[] = [{ key: root, title: <PlaceTitle place={rootNode} />, isLeaf: top.length === 0, children: top.map(toNode) }];

  return (
    <div ref={container}>
      <Tree
        className="place-tree"
        blockNode
        treeData={treeData}
        expandedKeys={expanded}
        onExpand={(keys) => setExpanded(keys.map(String))}
        selectedKeys={[selected ?? root]}
        onSelect={(_keys, info) => {
          const code = String(info.node.key);
          onSelect(code === root ? undefined : code);
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
