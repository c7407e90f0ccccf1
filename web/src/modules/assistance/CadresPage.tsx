/** 帮扶干部: the cadres working under the selected place; register one, change one, pair one with households. */
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Spin, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { newIdempotencyKey, queryString, type ApiError } from '../../api/client';
import { requiredRule, showFieldErrors } from '../../app/formRules';
import { useApi } from '../../app/useApi';
import { usePlaceParam } from '../../app/usePlaceParam';
import { useSelectedPlace } from '../../app/useSelectedPlace';
import { ErrorState } from '../../components/ErrorState';
import { PlacePicker } from '../../components/PlacePicker';
import { createCadre, exportUrl, getCadres, getRanks, updateCadre, type Cadre, type CadreInput } from './api';
import { rankLabel } from './ranks';

function CadreForm({ cadre, place, onClose, onSaved }: { cadre?: Cadre; place: string | undefined; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CadreInput>();
  const selected = useSelectedPlace();
  const ranks = useApi(`ranks:${place}`, (signal) => getRanks(place, signal));
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const L = (k: string) => t(`assistance.cadreForm.${k}`);

  const save = async () => {
    const v = await form.validateFields();
    const body: CadreInput = { name: v.name.trim(), unit: v.unit.trim(), rank: v.rank, placeCode: v.placeCode, phone: v.phone?.trim() || null };
    setSaving(true);
    setError(undefined);
    try {
      if (cadre) await updateCadre(cadre.id, body);
      else await createCadre(body, key);
      onSaved();
    } catch (e) {
      setError(showFieldErrors(e, form));
      setSaving(false);
    }
  };

  return (
    <Modal open className="cadre-form" title={cadre ? `${L('edit')}：${cadre.name}` : L('add')} okText={t('common.save')} cancelText={t('common.cancel')} onOk={save} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      {error && <Alert className="cadre-form-error" type="error" showIcon title={error.message} style={{ marginBottom: 12 }} />}
      <Form<CadreInput> form={form} layout="vertical" disabled={saving} initialValues={cadre ? { ...cadre } : { placeCode: selected.effectiveCode }}>
        <Form.Item name="name" label={L('name')} rules={[requiredRule(L('name')), { max: 40, message: `${L('name')}最多 40 字` }]}>
          <Input />
        </Form.Item>
        <Form.Item name="unit" label={L('unit')} rules={[requiredRule(L('unit')), { max: 100, message: `${L('unit')}最多 100 字` }]}>
          <Input />
        </Form.Item>
        <Form.Item name="rank" label={L('rank')} rules={[requiredRule(L('rank'))]} extra={ranks.data ? `${ranks.data.model}（${ranks.data.source}）` : undefined}>
          <Select loading={ranks.loading} options={(ranks.data?.items ?? []).map((r) => ({ value: r.rank, label: `${r.label}（${L('quota')} ${r.households} ${L('households')}）` }))} />
        </Form.Item>
        <Form.Item name="placeCode" label={L('place')} rules={[requiredRule(L('place'))]}>
          <PlacePicker within={selected.scopeCode} />
        </Form.Item>
        <Form.Item name="phone" label={L('phone')} rules={[{ pattern: /^[0-9+\- ]{0,20}$/, message: L('phoneInvalid') }]}>
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CadresPage() {
  const { t } = useTranslation();
  const [place] = usePlaceParam();
  const cadres = useApi('cadres' + queryString({ place }), (signal) => getCadres(place, signal));
  const [editing, setEditing] = useState<Cadre | 'new'>();
  const L = (k: string) => t(`assistance.cadreForm.${k}`);
  if (cadres.error) return <ErrorState error={cadres.error} onRetry={cadres.reload} />;
  return (
    <div className="assistance-cadres">
      <h2>{t('assistance.cadresTitle')}</h2>
      <Card
        size="small"
        extra={
          <Space>
            <Button className="cadres-export" href={exportUrl('cadres', { place })}>{t('assistance.export')}</Button>
            <Link to={`/assistance/pairing/import${queryString({ place })}`}>{t('assistance.pairingImport.open')}</Link>
            <Button type="primary" className="cadre-add" onClick={() => setEditing('new')}>
              {L('add')}
            </Button>
          </Space>
        }
      >
        {!cadres.data ? (
          <Spin className="page-loading" />
        ) : (
          <Table<Cadre>
            rowKey="id"
            size="small"
            dataSource={cadres.data.items}
            columns={[
              { title: L('id'), dataIndex: 'id', width: 90 },
              { title: L('name'), dataIndex: 'name' },
              { title: L('unit'), dataIndex: 'unit', ellipsis: true },
              { title: L('rank'), dataIndex: 'rank', render: (v: string) => rankLabel(v) },
              { title: t('assistance.households'), dataIndex: 'households', align: 'right' },
              {
                title: t('common.actions'),
                key: 'actions',
                render: (_: unknown, c) => (
                  <Button size="small" type="link" className="cadre-edit" onClick={() => setEditing(c)}>
                    {L('edit')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      {editing && (
        <CadreForm
          cadre={editing === 'new' ? undefined : editing}
          place={place}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            cadres.reload();
          }}
        />
      )}
    </div>
  );
}
