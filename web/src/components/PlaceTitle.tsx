import { useTranslation } from 'react-i18next';
import type { PlaceChild, PlaceRef } from '../api/types';

/** "夏邑县 (3061户/6352人)": a tree node with its remaining poor households and persons (when counted). */
export function PlaceTitle({ place }: { place: PlaceRef & Partial<PlaceChild> }) {
  const { t } = useTranslation();
  if (place.households === undefined) return <span className="place-title">{place.name}</span>;
  const empty = place.households === 0;
  return (
    <span className={empty ? 'place-title place-title-empty' : 'place-title'} title={t('place.countTitle', { households: place.households, persons: place.persons, poorHouseholds: place.poorHouseholds, poorPersons: place.poorPersons })}>
      {place.name}
      {!empty && <span className="place-count">{t('place.count', { households: place.poorHouseholds, persons: place.poorPersons })}</span>}
    </span>
  );
}
