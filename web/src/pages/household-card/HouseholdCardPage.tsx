import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Row, Space, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { getHouseholdCard } from '../../api/households';
import { useCan } from '../../app/auth';
import { useApi } from '../../app/useApi';
import { usePlaceParam, withPlace } from '../../app/usePlaceParam';
import { ErrorState } from '../../components/ErrorState';
import { NotFoundPage } from '../errors/NotFoundPage';
import { deleteIncome } from '../../api/assessment';
import type { Income } from '../../api/types';
import { HouseholdLedgersPanel } from '../../modules/ledgers/HouseholdLedgersPanel';
import { AssistancePanel } from './AssistancePanel';
import { HouseholdHits } from '../../modules/compare/HouseholdHits';
import { BasicNeeds } from './BasicNeeds';
import { ChecklistPanel } from './ChecklistPanel';
import { IncomeEditor } from './IncomeEditor';
import { RiskEvents } from './RiskEvents';
import { RuleFactsEditor } from './RuleFactsEditor';
import { HouseholdSummary } from './HouseholdSummary';
import { HousingWater } from './HousingWater';
import { IncomeTable } from './IncomeTable';
import { MemberEditor } from './MemberEditor';
import { MembersTable } from './MembersTable';
import { StatusHistoryTable } from './StatusHistoryTable';
import { Timeline } from './Timeline';

/** 一户一档: one household's record and its change history, reached from the list or by a shared link. */
export function HouseholdCardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = useCan();
  const mayAct = can('procedures.act');
  const { householdNo = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const [place] = usePlaceParam();
  /** Bumped after an edit: the card and its timeline load again. */
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<number>();
  const [factsOpen, setFactsOpen] = useState(false);
  /** The income year edited: a record, 'new', or none. */
  const [incomeEdited, setIncomeEdited] = useState<Income | 'new'>();
  const changed = (text: string) => {
    setVersion((v) => v + 1);
    message.success(text);
  };
  const card = useApi(`${householdNo}#${version}`, (signal) => getHouseholdCard(householdNo, signal));

  if (card.error?.status === 404) return <NotFoundPage message={card.error.message} />;
  if (card.error) return <ErrorState error={card.error} onRetry={card.reload} />;
  if (!card.data || card.data.household.householdNo !== householdNo) return <Spin size="large" className="page-loading" />;

  const { household, members, incomes, statusHistory } = card.data;
  const listSearch = (location.state as { listSearch?: string } | null)?.listSearch;
  const back = () => navigate(listSearch !== undefined ? `/households?${listSearch}` : withPlace('/households', place));
  const mayEdit = can('registry.write');

  return (
    <div className="household-card-page">
      <Card
        size="small"
        title={
          <span className="card-title">
            {t('card.title')}
            <span className="card-title-no">{t('card.no', { no: household.householdNo })}</span>
          </span>
        }
        extra={
          <Space>
            {mayAct && (
              <Button onClick={() => navigate(`/procedures/cases?household=${encodeURIComponent(household.householdNo)}`)} data-testid="start-procedure">
                {t('card.startProcedure')}
              </Button>
            )}
            <Button icon={<ArrowLeftOutlined />} onClick={back}>
              {t('card.back')}
            </Button>
          </Space>
        }
      >
        <HouseholdSummary household={household} />
      </Card>
      <Card
        size="small"
        title={t('monitoring.checklist.title')}
        className="card-section"
        data-section="checklist"
        extra={mayEdit && <Button size="small" onClick={() => setFactsOpen(true)} data-testid="edit-facts">{t('monitoring.checklist.editFacts')}</Button>}
      >
        <ChecklistPanel householdNo={householdNo} version={version} onRecomputed={() => setVersion((v) => v + 1)} />
      </Card>
      <Card size="small" title={t('card.members', { count: members.length })} className="card-section" data-section="members">
        <MembersTable members={members} householdNo={householdNo} onEdit={mayEdit ? setEditing : undefined} />
      </Card>
      <Row gutter={12}>
        <Col span={16}>
          <Card
            size="small"
            title={t('card.incomes')}
            className="card-section"
            data-section="incomes"
            extra={mayEdit && <Button size="small" onClick={() => setIncomeEdited('new')}>{t('monitoring.income.add')}</Button>}
          >
            <IncomeTable
              incomes={incomes}
              onEdit={mayEdit ? setIncomeEdited : undefined}
              onDelete={mayEdit ? (i) => deleteIncome(householdNo, i.year).then(() => changed(t('monitoring.income.removed', { year: i.year })), (e: Error) => message.error(e.message)) : undefined}
            />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('card.status')} className="card-section" data-section="status">
            <StatusHistoryTable records={statusHistory} />
          </Card>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={16}>
          <Card size="small" title={t('card.housing')} className="card-section" data-section="housing">
            <HousingWater household={household} />
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('card.needs')} className="card-section" data-section="needs">
            <BasicNeeds household={household} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('monitoring.events.title')} className="card-section" data-section="risk-events">
        <RiskEvents householdNo={householdNo} version={version} mayEdit={mayEdit || can('assistance.write')} onSaved={(change) => changed(t(change === 'removed' ? 'monitoring.events.removed' : 'monitoring.events.saved'))} />
      </Card>
      <div className="card-section">
        <AssistancePanel householdNo={householdNo} version={version} />
      </div>
      <div className="card-section" data-section="ledgers">
        <HouseholdLedgersPanel householdNo={householdNo} />
      </div>
      {can('registry.read') && (
        <Card size="small" title={t('compare.cardTitle')} className="card-section" data-section="compare-hits">
          <HouseholdHits householdNo={householdNo} />
        </Card>
      )}
      <Card size="small" title={t('card.timeline')} className="card-section" data-section="timeline">
        <Timeline householdNo={householdNo} version={version} />
      </Card>
      {factsOpen && <RuleFactsEditor household={household} onClose={() => setFactsOpen(false)} onSaved={() => (setFactsOpen(false), changed(t('monitoring.facts.saved')))} />}
      {incomeEdited && (
        <IncomeEditor
          householdNo={householdNo}
          income={incomeEdited === 'new' ? undefined : incomeEdited}
          onClose={() => setIncomeEdited(undefined)}
          onSaved={(year) => (setIncomeEdited(undefined), changed(t('monitoring.income.saved', { year })))}
        />
      )}
      {editing !== undefined && members[editing] && (
        <MemberEditor
          householdNo={householdNo}
          member={members[editing]}
          onClose={() => setEditing(undefined)}
          onSaved={(name) => {
            setEditing(undefined);
            setVersion((v) => v + 1);
            message.success(t('members.savedMember', { name }));
          }}
        />
      )}
    </div>
  );
}
