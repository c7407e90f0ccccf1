/** The process that runs jobs, as recorded on them, and how often it shows it is alive. */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { JobOwner } from './jobQueries';

/** This process: host, pid and a token drawn at start (a pid may be reused, the token is not). */
export const THIS_PROCESS: JobOwner = { host: hostname(), pid: process.pid, token: randomUUID() };

/** Heartbeats are refreshed this often while jobs run; a job unbeaten for ABANDONED_AFTER_SECONDS is abandoned. */
export const HEARTBEAT_SECONDS = 20;
export const ABANDONED_AFTER_SECONDS = 120;

/** When this process started: a job of this pid beaten before it belongs to an earlier process that had the same pid. */
export const PROCESS_STARTED = new Date(Date.now() - process.uptime() * 1000);
