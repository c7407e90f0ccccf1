import { Descriptions } from 'antd';
import type { Household } from '../../api/types';
import { householdAttribute, labelOf, labelOrDash, povertyCause } from '../../app/labels';
import { StatusTag } from '../../components/StatusTag';

/** The household's header: number, place, head, attribute, status, causes, years. */
export function HouseholdSummary({ household: h }: { household: Household }) {
  const otherCauses = h.otherCauses.map((c) => labelOf(povertyCause, c)).join('、') || '—';
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 4 }}
      className="household-summary"
      items={[
        { key: 'no', label: '户编号', children: h.householdNo },
        { key: 'place', label: '所在地', children: h.placePath, span: 3 },
        { key: 'head', label: '户主', children: h.headName },
        { key: 'headId', label: '户主身份证号', children: <span className="mono">{h.headIdNumber ?? '—'}</span> },
        { key: 'phone', label: '联系电话', children: h.phone ?? '—' },
        { key: 'size', label: '家庭人口', children: `${h.size} 人` },
        { key: 'attribute', label: '户属性', children: labelOrDash(householdAttribute, h.attribute) },
        { key: 'status', label: '户状态', children: <StatusTag status={h.status} category={h.monitorCategory} /> },
        { key: 'mainCause', label: '主要致贫原因', children: labelOrDash(povertyCause, h.mainCause) },
        { key: 'otherCauses', label: '其他致贫原因', children: otherCauses },
        { key: 'identified', label: '识别年度', children: h.identifiedYear ?? '—' },
        { key: 'planned', label: '计划脱贫年度', children: h.plannedExitYear ?? '—' },
        { key: 'exit', label: '脱贫年度', children: h.exitYear ?? '—' },
        { key: 'deregister', label: '注销原因', children: h.deregisterReason ?? '—' },
      ]}
    />
  );
}
