import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../server/auth/auth.schema.ts';
import { ApiError, NETWORK_ERROR_MESSAGE } from '../api/api-client.ts';
import type { ReportSummary, ReportView } from '../api/reporting.api.ts';
import { closeOfflineDb, readDraft, writeDraft } from './offline-db.ts';
import { draftKey, type ReportDraft } from './report-draft.ts';
import { AUTH_MESSAGE, PENDING_MESSAGE, ReportSync, type SyncEvent, type SyncTransport } from './report-sync.ts';

const USER = '7';
const KEY = draftKey(USER, 1);
const ME = {
  user: { id: 7, username: 'cdcs.demo', fullName: 'Cán bộ', mustChangePassword: false },
  unit: { id: 1, code: 'x', name: 'CĐCS', kind: 'cdcs' },
  roles: [],
  permissions: [],
  csrfToken: 't',
} as CurrentUser;
const offline = () => new ApiError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE);

/** The server's report as the fake holds it; writes follow the real rules that matter here (version check, status). */
class FakeServer implements SyncTransport {
  version = 3;
  status = 'draft';
  values: Record<string, number | null> = { a: 10, b: 20 };
  explanations: Record<string, string> = {};
  isReachable = true;
  isSessionAlive = true;
  submitRefusal: ApiError | null = null;
  calls: string[] = [];
  /** Runs once during the next write, as if the officer typed while it was on its way. */
  duringWrite: (() => Promise<void>) | null = null;

  async me() {
    this.calls.push('me');
    if (!this.isReachable) throw offline();
    if (!this.isSessionAlive) throw new ApiError(401, 'UNAUTHENTICATED', 'Phiên đăng nhập đã hết hạn.');
    return ME;
  }
  async save(id: number, body: { version: number; values: Record<string, number | null>; explanations: Record<string, string> }) {
    return this.write('save', body);
  }
  async submit(id: number, body: { version: number; values: Record<string, number | null>; explanations: Record<string, string> }) {
    if (this.submitRefusal && this.isReachable && body.version === this.version) throw this.submitRefusal;
    return this.write('submit', body);
  }
  async view() {
    this.calls.push('view');
    if (!this.isReachable) throw offline();
    return {
      version: this.version,
      status: this.status,
      values: this.values,
      explanations: this.explanations,
      updatedBy: 'Cán bộ phường',
      updatedAt: '2026-12-06T03:04:00Z',
    } as unknown as ReportView;
  }
  private async write(
    kind: string,
    body: { version: number; values: Record<string, number | null>; explanations: Record<string, string> },
  ) {
    this.calls.push(`${kind}@${body.version}`);
    if (!this.isReachable) throw offline();
    if (!this.isSessionAlive) throw new ApiError(401, 'UNAUTHENTICATED', 'Phiên đăng nhập đã hết hạn.');
    if (this.status !== 'draft' && this.status !== 'returned')
      throw new ApiError(409, 'REPORT_STATE_INVALID', 'Báo cáo đã gửi, đang chờ cấp trên duyệt: không sửa được nữa.');
    if (body.version !== this.version) throw new ApiError(409, 'REPORT_VERSION_CONFLICT', 'Báo cáo vừa được cập nhật.');
    const typing = this.duringWrite;
    this.duringWrite = null;
    await typing?.();
    this.values = { ...this.values, ...body.values };
    this.explanations = body.explanations;
    this.version += 1;
    if (kind === 'submit') this.status = 'submitted';
    return {
      id: 1,
      version: this.version,
      status: this.status,
      updatedAt: '2026-12-06T03:05:00Z',
      updatedBy: 'cdcs.demo',
    } as unknown as ReportSummary;
  }
}

function typed(values: Record<string, number | null>, over: Partial<ReportDraft> = {}): ReportDraft {
  return {
    key: KEY,
    userKey: USER,
    reportId: 1,
    title: 'Báo cáo năm',
    baseVersion: 3,
    baseValues: { a: 10, b: 20 },
    baseExplanations: {},
    values: { a: 10, b: 20, ...values },
    explanations: {},
    submitRequested: false,
    state: 'pending',
    revision: 1,
    updatedAt: '2026-12-06T03:00:00Z',
    ...over,
  };
}

let server: FakeServer;
let sync: ReportSync;
let events: SyncEvent[];

beforeEach(async () => {
  await closeOfflineDb();
  globalThis.indexedDB = new IDBFactory();
  server = new FakeServer();
  sync = new ReportSync(server);
  events = [];
  sync.subscribe((e) => events.push(e));
});

describe('the sync sends what was typed on the device', () => {
  it('saves a draft with the version it started from, then forgets it: the server has it', async () => {
    await writeDraft(typed({ a: 11 }));
    await sync.request(USER);
    expect(server.calls).toEqual(['me', 'save@3']);
    expect(server.values).toEqual({ a: 11, b: 20 });
    expect(await readDraft(KEY)).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ reportId: 1, draft: null, sent: { kind: 'saved', values: { a: 11, b: 20 } } });
  });

  it('keeps a figure typed while the save was on its way, and sends it next on top of the new version', async () => {
    await writeDraft(typed({ a: 11 }));
    server.duringWrite = async () => {
      const d = (await readDraft(KEY))!;
      await writeDraft({ ...d, values: { ...d.values, b: 22 }, revision: d.revision + 1 });
    };
    await sync.request(USER);
    expect(server.calls).toEqual(['me', 'save@3', 'save@4']);
    expect(server.values).toEqual({ a: 11, b: 22 });
    expect(await readDraft(KEY)).toBeUndefined();
  });

  it('leaves the draft waiting when the server cannot be reached, and sends it once it can', async () => {
    await writeDraft(typed({ a: 11 }, { submitRequested: true }));
    server.isReachable = false;
    await sync.request(USER);
    expect(await readDraft(KEY)).toMatchObject({ state: 'pending', message: PENDING_MESSAGE, submitRequested: true, values: { a: 11 } });
    server.isReachable = true;
    await sync.request(USER);
    expect(server.status).toBe('submitted');
    expect(server.values.a).toBe(11);
    expect(events.at(-1)).toMatchObject({ draft: null, sent: { kind: 'submitted' } });
  });

  it('asks to log in again when the session ended while offline, keeping the figures; sends them after the new login', async () => {
    await writeDraft(typed({ a: 11 }));
    server.isSessionAlive = false;
    await sync.request(USER);
    expect(await readDraft(KEY)).toMatchObject({ state: 'auth', message: AUTH_MESSAGE, values: { a: 11 } });
    expect(server.calls).toEqual(['me']);
    server.isSessionAlive = true;
    await sync.request(USER);
    expect(server.values.a).toBe(11);
    expect(await readDraft(KEY)).toBeUndefined();
  });

  it('leaves another user’s drafts alone when someone else is signed in on the device', async () => {
    await writeDraft(typed({ a: 11 }, { key: draftKey('8', 1), userKey: '8' }));
    await sync.request('8');
    expect(server.calls).toEqual(['me']);
    expect(await readDraft(draftKey('8', 1))).toMatchObject({ values: { a: 11 } });
  });
});

describe('a newer version on the server (409)', () => {
  it('merges what does not collide and saves it on the newer version', async () => {
    await writeDraft(typed({ a: 11 }));
    server.version = 4;
    server.values = { a: 10, b: 25 };
    await sync.request(USER);
    expect(server.calls).toEqual(['me', 'save@3', 'view', 'save@4']);
    expect(server.values).toEqual({ a: 11, b: 25 });
    expect(await readDraft(KEY)).toBeUndefined();
  });

  it('stops at a field both changed, with both values kept, and sends nothing until the officer chooses', async () => {
    await writeDraft(typed({ a: 11 }, { submitRequested: true }));
    server.version = 4;
    server.values = { a: 15, b: 20 };
    await sync.request(USER);
    const draft = await readDraft(KEY);
    expect(draft).toMatchObject({
      state: 'conflict',
      submitRequested: false,
      values: { a: 11 },
      server: { version: 4, values: { a: 15 }, updatedBy: 'Cán bộ phường' },
    });
    expect(draft!.message).toMatch(/^Báo cáo vừa được Cán bộ phường cập nhật lúc .* trong khi bạn nhập trên máy này\./);
    expect(server.values.a).toBe(15);
    await sync.request(USER);
    expect(server.calls.filter((c) => /^(save|submit)@/.test(c))).toEqual(['submit@3']);
  });

  it('keeps the figures beside the server’s when the report was sent or locked meanwhile', async () => {
    await writeDraft(typed({ a: 11 }));
    server.version = 4;
    server.status = 'submitted';
    await sync.request(USER);
    expect(await readDraft(KEY)).toMatchObject({ state: 'refused', values: { a: 11 }, server: { status: 'submitted' } });
  });
});

it('a queued submission the server refuses is saved as a draft instead, and the officer is told why', async () => {
  await writeDraft(typed({ a: 11 }, { submitRequested: true }));
  server.submitRefusal = new ApiError(
    400,
    'REPORT_WARNINGS_UNEXPLAINED',
    'Có 1 số liệu biến động bất thường cần giải thích trước khi gửi: …',
    [{ path: 'bien-dong:a', message: '…' }],
  );
  await sync.request(USER);
  expect(server.status).toBe('draft');
  expect(server.values.a).toBe(11);
  expect(events.find((e) => e.submitRefused)?.submitRefused).toMatchObject({
    message: /^Có 1 số liệu biến động/,
    issues: [{ path: 'bien-dong:a' }],
  });
  expect(await readDraft(KEY)).toBeUndefined();
});
