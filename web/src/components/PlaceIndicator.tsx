import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePlaceParam } from '../app/usePlaceParam';
import { placeText, useSelectedPlace } from '../app/useSelectedPlace';

/** The place every page is looking at ("当前区划"), with a way back to the user's whole scope. */
export function PlaceIndicator() {
  const { t } = useTranslation();
  const [, setPlace] = usePlaceParam();
  const selected = useSelectedPlace();
  const text = placeText(selected, t('place.nation'), (code) => t('place.unknown', { code }));
  return (
    <div className="place-indicator" data-testid="place-indicator">
      <EnvironmentOutlined />
      <span>{t('place.current')}</span>
      <strong>{text}</strong>
      {selected.code && (
        <Tooltip title={t('place.clearTitle')}>
          <Button size="small" type="link" className="place-indicator-clear" onClick={() => setPlace(undefined)}>
            {t('place.clear')}
          </Button>
        </Tooltip>
      )}
    </div>
  );
}
