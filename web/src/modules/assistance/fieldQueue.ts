/** The field app's offline queue in IndexedDB: changes wait on the device until an upload succeeds. */
const DB_NAME = 'fupin-field';
const STORE = 'queue';

export interface VisitChange {
  kind: 'visit';
  changeId: string;
  visit: { id: string; householdNo: string; visitedOn: string; findings: string; measuresDiscussed: string | null; latitude: number | null; longitude: number | null; photos: { contentType: string; data: string }[] };
}
export interface FactChange {
  kind: 'fact';
  changeId: string;
  householdNo: string;
  field: string;
  base: unknown;
  value: unknown;
  force?: boolean;
}
export type QueuedChange = VisitChange | FactChange;

function openQueue(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const r = indexedDB.open(DB_NAME, 1);
    r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'changeId' });
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openQueue();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = act(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const enqueue = (change: QueuedChange) => withStore('readwrite', (s) => s.put(change)).then(() => undefined);
export const queued = () => withStore<QueuedChange[]>('readonly', (s) => s.getAll() as IDBRequest<QueuedChange[]>);
export const dequeue = (changeId: string) => withStore('readwrite', (s) => s.delete(changeId)).then(() => undefined);
