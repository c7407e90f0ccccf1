import type { PlaceChild } from '../api/types';

/** "夏邑县 (3061户/6352人)": a tree node with its remaining poor households and persons. */
export function PlaceTitle({ place }: { place: PlaceChild }) {
  const empty = place.households === 0;
  return (
    <span
      className={empty ? 'place-title place-title-empty' : 'place-title'}
      title={`建档立卡 ${place.households} 户 ${place.persons} 人；其中未脱贫（含返贫） ${place.poorHouseholds} 户 ${place.poorPersons} 人`}
    >
      {place.name}
      {!empty && (
        <span className="place-count">
          ({place.poorHouseholds}户/{place.poorPersons}人)
        </span>
      )}
    </span>
  );
}
