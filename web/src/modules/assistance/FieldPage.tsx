/**
 * 走访端 (field app): a phone-sized page where a cadre sees his households with checklist and
 * risk grade, records visits with a photo and changes household facts. Offline, changes wait in
 * IndexedDB and upload when the network returns; conflicts come back for him to resolve.
 * Installable: a web manifest and a service worker that keeps the app shell.
 */
import { Alert, Button, Card, Input, List, Space, Switch, Tag, Upload } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson, postJson } from '../../api/client';
import { getVisits, type Visit } from './api';
import { FieldFrame } from './FieldFrame';
import { dequeue, enqueue, queued, type QueuedChange } from './fieldQueue';

interface FieldHousehold { householdNo: string; headName: string; villageName: string | null; status: string; riskGrade: string | null; criteria: string | null; lastVisitOn: string | null; foodSecure: boolean | null }
interface Conflict { changeId: string; householdNo: string; field: string; server: unknown; mine: unknown; message: string; base: unknown }
type SyncResult = { changeId: string; status: string; message?: string } & Partial<Conflict>;

const CACHE_KEY = 'fupin-field-households';
const CONFLICT_KEY = 'fupin-field-conflicts';
const CRITERIA = ['income', 'food', 'clothing', 'education', 'medical', 'housing', 'water'];
const RISK_COLOR: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green' };

function installPwa() {
  if (!document.querySelector('link[rel="manifest"]')) {
    const link = document.createElement('link');
    link.rel = 'manifest';
    link.href = '/manifest.webmanifest';
    document.head.appendChild(link);
  }
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => undefined);
}

const readFile = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).split(',')[1] ?? '');
    r.onerror = () => reject(r.error);
    r.readAsDataURL(file);
  });

export function FieldPage() {
  const { t } = useTranslation();
  const [households, setHouseholds] = useState<FieldHousehold[]>(() => JSON.parse(localStorage.getItem(CACHE_KEY) ?? '[]'));
  const [online, setOnline] = useState(navigator.onLine);
  const [pending, setPending] = useState(0);
  const [conflicts, setConflicts] = useState<Conflict[]>(() => JSON.parse(localStorage.getItem(CONFLICT_KEY) ?? '[]'));
  const [open, setOpen] = useState<FieldHousehold>();
  const [error, setError] = useState<string>();

  const refresh = useCallback(async () => {
    try {
      const r = await getJson<{ items: FieldHousehold[] }>('/assistance/field/households');
      setHouseholds(r.items);
      localStorage.setItem(CACHE_KEY, JSON.stringify(r.items));
    } catch {
      /* offline: keep the cached list */
    }
  }, []);

  const saveConflicts = (next: Conflict[]) => {
    setConflicts(next);
    localStorage.setItem(CONFLICT_KEY, JSON.stringify(next));
  };

  const sync = useCallback(async () => {
    const changes = await queued();
    setPending(changes.length);
    if (changes.length === 0 || !navigator.onLine) return;
    try {
      const { results } = await postJson<{ results: SyncResult[] }>('/assistance/sync', { changes });
      const found: Conflict[] = [];
      for (const r of results) {
        await dequeue(r.changeId);
        if (r.status === 'conflict') found.push(r as Conflict);
        if (r.status === 'error') setError(r.message);
      }
      if (found.length) saveConflicts([...JSON.parse(localStorage.getItem(CONFLICT_KEY) ?? '[]'), ...found]);
      setPending((await queued()).length);
      await refresh();
    } catch {
      /* still offline or the server is unreachable: the queue stays */
    }
  }, [refresh]);

  useEffect(() => {
    installPwa();
    void refresh().then(sync);
    const up = () => {
      setOnline(true);
      void sync();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, [refresh, sync]);

  const submit = async (change: QueuedChange) => {
    await enqueue(change);
    setPending((await queued()).length);
    await sync();
  };

  const resolve = async (c: Conflict, keepMine: boolean) => {
    saveConflicts(conflicts.filter((x) => x.changeId !== c.changeId));
    if (keepMine) await submit({ kind: 'fact', changeId: crypto.randomUUID(), householdNo: c.householdNo, field: c.field, base: c.server, value: c.mine, force: true });
  };

  return (
    <FieldFrame online={online} pending={pending}>
      <div className="field-app" style={{ maxWidth: 480, margin: '0 auto' }}>
        {error && <Alert type="error" message={error} closable onClose={() => setError(undefined)} />}
        {conflicts.map((c) => (
          <Alert
            key={c.changeId}
            className="field-conflict"
            type="warning"
            message={c.message}
            action={
              <Space direction="vertical">
                <Button size="small" onClick={() => resolve(c, true)}>{t('assistance.field.keepMine')}</Button>
                <Button size="small" onClick={() => resolve(c, false)}>{t('assistance.field.keepServer')}</Button>
              </Space>
            }
          />
        ))}
        {open ? (
          <VisitForm household={open} online={online} onBack={() => setOpen(undefined)} onSubmit={submit} />
        ) : (
          <List
            className="field-households"
            dataSource={households}
            locale={{ emptyText: t('assistance.field.none') }}
            renderItem={(h) => (
              <List.Item onClick={() => setOpen(h)} style={{ cursor: 'pointer' }}>
                <List.Item.Meta
                  title={<Space>{h.headName}<Tag color={RISK_COLOR[h.riskGrade ?? ''] ?? 'default'}>{t(`assistance.field.risk.${h.riskGrade ?? 'none'}`)}</Tag></Space>}
                  description={
                    <>
                      <div>{h.villageName} · {h.householdNo}</div>
                      <div>{(h.criteria ?? '').split('').map((c, i) => <Tag key={i} color={c === 'P' ? 'green' : c === 'F' ? 'red' : 'default'}>{t(`assistance.field.criteria.${CRITERIA[i]}`)}</Tag>)}</div>
                      <div>{t('assistance.field.lastVisit')}：{h.lastVisitOn ?? '—'}</div>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </div>
    </FieldFrame>
  );
}

function VisitForm({ household, online, onBack, onSubmit }: { household: FieldHousehold; online: boolean; onBack: () => void; onSubmit: (c: QueuedChange) => Promise<void> }) {
  const { t } = useTranslation();
  const [findings, setFindings] = useState('');
  const [measures, setMeasures] = useState('');
  const [photo, setPhoto] = useState<File>();
  const [food, setFood] = useState<boolean | null>(household.foodSecure);
  const [visits, setVisits] = useState<Visit[]>([]);
  const [saved, setSaved] = useState(false);
  const [note, setNote] = useState<{ type: 'success' | 'error'; text: string }>();
  // A double tap saves once: the second tap finds the save under way. The visit keeps its id until
  // it is saved, so a retry after a failure is the same visit (the server keeps one per id).
  const saving = useRef(false);
  const [busy, setBusy] = useState(false);
  const draftId = useRef<string>(crypto.randomUUID());

  useEffect(() => {
    if (online) getVisits({ householdNo: household.householdNo }).then((r) => setVisits(r.items), () => undefined);
  }, [household.householdNo, online, saved]);

  const save = async () => {
    if (saving.current) return;
    saving.current = true;
    setBusy(true);
    setNote(undefined);
    try {
      const photos = photo ? [{ contentType: photo.type, data: await readFile(photo) }] : [];
      const visitedOn = new Date().toISOString().slice(0, 10);
      const id = draftId.current;
      await onSubmit({ kind: 'visit', changeId: id, visit: { id, householdNo: household.householdNo, visitedOn, findings, measuresDiscussed: measures || null, latitude: null, longitude: null, photos } });
      if (food !== household.foodSecure) await onSubmit({ kind: 'fact', changeId: `${id}-food`, householdNo: household.householdNo, field: 'foodSecure', base: household.foodSecure, value: food });
      const when = new Date().toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
      setNote({ type: 'success', text: t(navigator.onLine ? 'assistance.field.savedOnline' : 'assistance.field.savedOffline', { when }) });
      draftId.current = crypto.randomUUID();
      setFindings('');
      setMeasures('');
      setPhoto(undefined);
      setSaved((s) => !s);
    } catch (e) {
      setNote({ type: 'error', text: t('assistance.field.saveFailed', { message: e instanceof Error ? e.message : String(e) }) });
    } finally {
      saving.current = false;
      setBusy(false);
    }
  };

  return (
    <Card className="field-visit" size="small" title={`${household.headName} · ${household.householdNo}`} extra={<Button onClick={onBack}>{t('assistance.field.back')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Input.TextArea className="field-findings" rows={3} placeholder={t('assistance.field.findings')} value={findings} onChange={(e) => setFindings(e.target.value)} />
        <Input.TextArea rows={2} placeholder={t('assistance.field.measures')} value={measures} onChange={(e) => setMeasures(e.target.value)} />
        <Space>{t('assistance.field.foodSecure')}<Switch checked={!!food} onChange={setFood} /></Space>
        <Upload accept="image/jpeg,image/png,image/webp" maxCount={1} fileList={photo ? [{ uid: 'photo', name: photo.name, status: 'done' }] : []} beforeUpload={(f) => (setPhoto(f), false)} onRemove={() => setPhoto(undefined)}>
          <Button className="field-photo">{t('assistance.field.photo')}</Button>
        </Upload>
        <Button className="field-save" type="primary" block disabled={!findings.trim()} loading={busy} onClick={save}>{t('assistance.field.save')}</Button>
        {note && <Alert className="field-saved" type={note.type} showIcon message={note.text} closable onClose={() => setNote(undefined)} />}
        <List
          className="field-visits"
          header={t('assistance.field.visits')}
          dataSource={visits}
          renderItem={(v) => <List.Item className="field-visit-item">{v.visitedOn} {v.cadreName}：{v.findings}{v.photos.length ? `（${t('assistance.field.photoCount', { count: v.photos.length })}）` : ''}</List.Item>}
        />
      </Space>
    </Card>
  );
}
