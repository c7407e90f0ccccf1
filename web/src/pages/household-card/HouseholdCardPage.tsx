import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Spin } from 'antd';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { getHouseholdCard } from '../../api/households';
import { useApi } from '../../app/useApi';
import { usePlaceParam, withPlace } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { NotFoundPage } from '../errors/NotFoundPage';
import { BasicNeeds } from './BasicNeeds';
import { HouseholdSummary } from './HouseholdSummary';
import { HousingWater } from './HousingWater';
import { IncomeTable } from './IncomeTable';
import { MembersTable } from './MembersTable';
import { StatusHistoryTable } from './StatusHistoryTable';

/** 一户一档: one household's record, reached from the list or by a shared link. */
export function HouseholdCardPage() {
  const { householdNo = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const [place] = usePlaceParam();
  const card = useApi(householdNo, (signal) => getHouseholdCard(householdNo, signal));

  if (card.error?.status === 404) return <NotFoundPage message={card.error.message} />;
  if (card.error) return <ErrorState error={card.error} onRetry={card.reload} />;
  if (!card.data || card.data.household.householdNo !== householdNo) return <Spin size="large" className="page-loading" />;

  const { household, members, incomes, statusHistory } = card.data;
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch;
  const back = () => navigate(listSearch !== undefined ? `/households?${listSearch}` : withPlace('/households', place));

  return (
    <div className="household-card-page">
      <Card
        size="small"
        title={
          <span className="card-title">
            一户一档<span className="card-title-no">户编号 {household.householdNo}</span>
          </span>
        }
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={back}>
            返回名单
          </Button>
        }
      >
        <HouseholdSummary household={household} />
      </Card>
      <Card size="small" title={`家庭成员（${members.length}人）`} className="card-section" data-section="members">
        <MembersTable members={members} />
      </Card>
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small" title="收入情况" className="card-section" data-section="incomes">
            <IncomeTable incomes={incomes} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="状态变化" className="card-section" data-section="status">
            <StatusHistoryTable records={statusHistory} />
          </Card>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small" title="住房与饮水" className="card-section" data-section="housing">
            <HousingWater household={household} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title="两不愁" className="card-section" data-section="needs">
            <BasicNeeds household={household} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
