import { Descriptions } from 'antd';
import type { Household } from '../../api/types';
import { yesNo } from '../../app/labels';

/** 两不愁: the visiting cadre's answers on food and clothing. */
export function BasicNeeds({ household: h }: { household: Household }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      items={[
        { key: 'food', label: '不愁吃', children: yesNo(h.foodSecure) },
        { key: 'clothing', label: '不愁穿', children: yesNo(h.clothingSecure) },
      ]}
    />
  );
}
