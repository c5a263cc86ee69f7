/**
 * The device's own store (IndexedDB, through idb): the last signed-in user, the answers the app
 * needs to open an assigned report without a network, and the drafts typed on this device.
 * IndexedDB rather than localStorage: it survives a reload and a browser restart, holds structured
 * records without a size worry, and a write is a transaction (no half-written draft).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ReportDraft } from './report-draft.ts';

export interface CachedAnswer {
  /** `${userKey}|${url}` */
  key: string;
  userKey: string;
  url: string;
  body: unknown;
  savedAt: string;
}

export interface SessionRecord {
  userKey: string;
  /** The /api/auth/me answer without its CSRF token (useless offline, and not worth keeping). */
  me: unknown;
  savedAt: string;
}

interface OfflineSchema extends DBSchema {
  session: { key: string; value: SessionRecord };
  answers: { key: string; value: CachedAnswer; indexes: { byUser: string } };
  drafts: { key: string; value: ReportDraft; indexes: { byUser: string } };
}

const DB_NAME = 'tiendo-offline';
const DB_VERSION = 1;
const SESSION_KEY = 'current';

let opening: Promise<IDBPDatabase<OfflineSchema>> | null = null;

/** One connection per page; a browser without IndexedDB (very old, some private modes) fails here and callers degrade to online-only. */
export function offlineDb(): Promise<IDBPDatabase<OfflineSchema>> {
  opening ??= openDB<OfflineSchema>(DB_NAME, DB_VERSION, {
    upgrade(db) {
      db.createObjectStore('session');
      db.createObjectStore('answers', { keyPath: 'key' }).createIndex('byUser', 'userKey');
      db.createObjectStore('drafts', { keyPath: 'key' }).createIndex('byUser', 'userKey');
    },
    // Another tab opened a newer version of the store: let it, and reconnect next time.
    blocking() {
      void opening?.then((db) => db.close());
      opening = null;
    },
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/** Closes and forgets the connection (tests start each case on a fresh database). */
export async function closeOfflineDb(): Promise<void> {
  const db = await opening?.catch(() => null);
  db?.close();
  opening = null;
  known.clear();
}

export async function saveSession(record: SessionRecord): Promise<void> {
  await (await offlineDb()).put('session', record, SESSION_KEY);
}

export async function readSession(): Promise<SessionRecord | undefined> {
  return (await offlineDb()).get('session', SESSION_KEY);
}

export async function saveAnswer(answer: CachedAnswer): Promise<void> {
  await (await offlineDb()).put('answers', answer);
}

export async function readAnswer(userKey: string, url: string): Promise<CachedAnswer | undefined> {
  return (await offlineDb()).get('answers', `${userKey}|${url}`);
}

/**
 * Logging out forgets who was here and every answer kept for them (a shared office computer);
 * the drafts stay: they are figures someone typed and has not sent, sent when they log in again.
 */
export async function forgetUser(userKey: string): Promise<void> {
  const db = await offlineDb();
  const tx = db.transaction(['session', 'answers'], 'readwrite');
  const session = await tx.objectStore('session').get(SESSION_KEY);
  if (session?.userKey === userKey) await tx.objectStore('session').delete(SESSION_KEY);
  for (const key of await tx.objectStore('answers').index('byUser').getAllKeys(userKey)) await tx.objectStore('answers').delete(key);
  await tx.done;
}

/**
 * The drafts this page last read or wrote (null: known to have none). Every change of a draft in
 * this page goes through this module, so a form re-opened after a save or a review starts at once
 * from what is known instead of flashing a spinner while IndexedDB answers.
 */
const known = new Map<string, ReportDraft | null>();

/** The draft as this page last saw it; undefined when it has not looked yet. */
export const knownDraft = (key: string): ReportDraft | null | undefined => known.get(key);

export async function readDraft(key: string): Promise<ReportDraft | undefined> {
  const draft = await (await offlineDb()).get('drafts', key);
  known.set(key, draft ?? null);
  return draft;
}

let hasAskedToKeep = false;

/**
 * Asks the browser not to evict this site's storage under pressure (a phone low on space clears
 * "best effort" storage first). Chromium grants it to installed or often-used apps; asking is free.
 */
export function askToKeepStorage(): void {
  if (hasAskedToKeep || typeof navigator === 'undefined') return;
  hasAskedToKeep = true;
  void navigator.storage?.persist?.().catch(() => false);
}

export async function writeDraft(draft: ReportDraft): Promise<void> {
  await (await offlineDb()).put('drafts', draft);
  known.set(draft.key, draft);
}

export async function deleteDraft(key: string): Promise<void> {
  await (await offlineDb()).delete('drafts', key);
  known.set(key, null);
}

export async function draftsOf(userKey: string): Promise<ReportDraft[]> {
  return (await offlineDb()).getAllFromIndex('drafts', 'byUser', userKey);
}

/**
 * Reads a draft, lets `change` compute its next state, writes that (or deletes on null) in one
 * transaction: a figure typed while the sync works on the same draft is never overwritten.
 */
export async function updateDraft(
  key: string,
  change: (draft: ReportDraft | undefined) => ReportDraft | null | undefined,
): Promise<ReportDraft | null | undefined> {
  const db = await offlineDb();
  const tx = db.transaction('drafts', 'readwrite');
  const current = await tx.store.get(key);
  const next = change(current);
  if (next === null) await tx.store.delete(key);
  else if (next !== undefined) await tx.store.put(next);
  await tx.done;
  known.set(key, next === undefined ? (current ?? null) : next);
  return next;
}
