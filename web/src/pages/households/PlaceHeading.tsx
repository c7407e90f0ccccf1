import { useTranslation } from 'react-i18next';
import { placeText, useSelectedPlace } from '../../app/useSelectedPlace';

/** "农户名单 · 河南省 / 商丘市 / 夏邑县": the list's title names the place it covers. */
export function PlaceHeading() {
  const { t } = useTranslation();
  const where = placeText(useSelectedPlace(), t('place.nation'), (code) => t('place.unknown', { code }));
  return (
    <span className="place-heading">
      {t('households.title')}
      <span className="place-heading-where">{where}</span>
    </span>
  );
}
