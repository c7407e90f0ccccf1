import { useSelectedPlace } from '../../app/useSelectedPlace';

/** "农户名单 · 河南省 / 商丘市 / 夏邑县": the list's title names the place it covers. */
export function PlaceHeading() {
  const { code, data, error } = useSelectedPlace();
  const where = !code ? '全国' : data ? data.path.map((p) => p.name).join(' / ') : error ? `未知区划 ${code}` : '…';
  return (
    <span className="place-heading">
      农户名单<span className="place-heading-where">{where}</span>
    </span>
  );
}
