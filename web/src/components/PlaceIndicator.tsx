import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { usePlaceParam } from '../app/usePlaceParam';
import { useSelectedPlace } from '../app/useSelectedPlace';

/** The place every page is looking at ("当前区划"), with a way back to the whole nation. */
export function PlaceIndicator() {
  const [, setPlace] = usePlaceParam();
  const { code, data, error } = useSelectedPlace();
  const text = !code ? '全国' : data ? data.path.map((p) => p.name).join(' / ') : error ? `未知区划 ${code}` : code;
  return (
    <div className="place-indicator" data-testid="place-indicator">
      <EnvironmentOutlined />
      <span>当前区划：</span>
      <strong>{text}</strong>
      {code && (
        <Tooltip title="查看全国">
          <Button size="small" type="link" className="place-indicator-clear" onClick={() => setPlace(undefined)}>
            清除
          </Button>
        </Tooltip>
      )}
    </div>
  );
}
