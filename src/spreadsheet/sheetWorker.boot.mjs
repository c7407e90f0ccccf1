// Entry of the worksheet reader's worker thread (sheetWorker.ts). Loader hooks do not reach
// worker threads, so TypeScript is registered here before the module is loaded.
import { register } from 'tsx/esm/api';

register();
await import('./sheetWorker.ts');
