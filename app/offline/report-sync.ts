/**
 * Sends the drafts kept on this device to the server, one at a time, whenever there is a chance:
 * at start, when the network comes back, after each change, and every little while as long as
 * something is waiting. The one writer of report figures: the form only writes its draft and asks
 * for a sync, so a save typed online and one typed offline take the same path.
 *
 * Rules (docs/offline.md): a draft is sent with the version its edits started from; on success it
 * is dropped unless the officer typed meanwhile; an unreachable server leaves it pending; an ended
 * session marks it "log in again"; a newer server version is merged field by field, and where both
 * changed the same field the officer chooses (nothing is overwritten on either side); a refusal
 * that retrying cannot fix keeps the figures until the officer has seen them.
 */
import type { CurrentUser } from '../../server/auth/auth.schema.ts';
import { REPORT_STATUS_LABELS, isEditable, type ReportStatus } from '../../domain/reporting/report-workflow.ts';
import { formatVietnamTime } from '../../domain/time/calendar-date.ts';
import { ApiError, errorMessage } from '../api/api-client.ts';
import type { ReportSummary, ReportView } from '../api/reporting.api.ts';
import { isUnreachable, patchDeviceCopy, userKeyOf } from './device-copy.ts';
import { deleteDraft, draftsOf, readDraft, updateDraft } from './offline-db.ts';
import { hasLocalChanges, rebaseOnServer, type ReportDraft, type ServerCopy } from './report-draft.ts';

export const PENDING_MESSAGE = 'Chưa gửi được — sẽ gửi khi có mạng';
export const AUTH_MESSAGE = 'Phiên đăng nhập đã hết hạn. Số liệu vẫn được giữ trên máy này: hãy đăng nhập lại để gửi.';

type WriteBody = { version: number; values: ReportDraft['values']; explanations: ReportDraft['explanations'] };

/** The calls the sync makes; the app's own client in the browser, a fake in unit tests. */
export interface SyncTransport {
  /** Checks the session (and refreshes the CSRF token) without sending anyone to the login page. */
  me(): Promise<CurrentUser>;
  save(id: number, body: WriteBody): Promise<ReportSummary>;
  submit(id: number, body: WriteBody): Promise<ReportSummary>;
  view(id: number): Promise<ReportView>;
}

export interface SyncEvent {
  reportId: number;
  /** The draft as it is now (null: nothing left on the device for this report). */
  draft: ReportDraft | null;
  /** What reached the server in this step. */
  sent?: { kind: 'saved' | 'submitted'; summary: ReportSummary; values: ReportDraft['values']; explanations: ReportDraft['explanations'] };
  /** A queued submission the server refused (the figures were saved as a draft instead). */
  submitRefused?: { message: string; issues: { path: string; message: string }[] };
}

/** Why a run stopped before the end: nothing more can be sent now. */
class Halt extends Error {}

export const reportViewUrl = (id: number) => `/api/reports/${id}`;

export function serverCopyOf(
  view: Pick<ReportView, 'version' | 'status' | 'values' | 'explanations' | 'updatedBy' | 'updatedAt'>,
): ServerCopy {
  return {
    version: view.version,
    status: view.status,
    values: view.values,
    explanations: view.explanations,
    updatedBy: view.updatedBy,
    updatedAt: view.updatedAt,
  };
}

export function conflictMessage(server: ServerCopy): string {
  return `Báo cáo vừa được ${server.updatedBy} cập nhật lúc ${formatVietnamTime(new Date(server.updatedAt))} trong khi bạn nhập trên máy này. Chọn số liệu giữ lại cho từng ô bên dưới rồi bấm «Lưu lựa chọn».`;
}

export class ReportSync {
  private readonly listeners = new Set<(event: SyncEvent) => void>();
  private running: Promise<void> | null = null;
  private again = false;
  private isSessionChecked = false;

  constructor(
    private readonly transport: SyncTransport,
    private readonly onSession: (me: CurrentUser) => void = () => {},
  ) {}

  subscribe(listener: (event: SyncEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells listeners about a change made outside a run (the form wrote or discarded a draft). */
  announce(event: SyncEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Sends what `userKey` has waiting; a call during a run makes the run go round once more. Resolves when all is done. */
  request(userKey: string): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.exclusive(() => this.runOnce(userKey));
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Two tabs of the app share the drafts: one sync at a time across them (Web Locks where the browser has them). */
  private async exclusive(work: () => Promise<void>): Promise<void> {
    const locks = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { locks?: LockManager }).locks;
    if (locks) await locks.request('tiendo-report-sync', work);
    else await work();
  }

  private async runOnce(userKey: string): Promise<void> {
    let drafts: ReportDraft[];
    try {
      drafts = (await draftsOf(userKey)).filter((d) => d.state === 'pending' || d.state === 'auth');
    } catch {
      return; // No IndexedDB: nothing was kept, nothing to send.
    }
    if (drafts.length === 0) return;
    try {
      if (!this.isSessionChecked) await this.checkSession(userKey, drafts);
      for (const draft of drafts) await this.send(draft.key, draft.reportId);
    } catch (error) {
      if (!(error instanceof Halt)) throw error;
    }
  }

  private async checkSession(userKey: string, drafts: ReportDraft[]): Promise<void> {
    let me: CurrentUser;
    try {
      me = await this.transport.me();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        for (const d of drafts) await this.mark(d.key, d.reportId, { state: 'auth', message: AUTH_MESSAGE });
      } else if (isUnreachable(error)) {
        for (const d of drafts.filter((x) => x.state !== 'pending' || x.message !== PENDING_MESSAGE))
          await this.mark(d.key, d.reportId, { state: 'pending', message: PENDING_MESSAGE });
      }
      throw new Halt();
    }
    this.onSession(me);
    // Someone else signed in on this device since: their drafts wait for them.
    if (userKeyOf(me) !== userKey) throw new Halt();
    this.isSessionChecked = true;
  }

  private async mark(key: string, reportId: number, change: Partial<ReportDraft>): Promise<ReportDraft | null> {
    const next = await updateDraft(key, (d) => (d ? { ...d, ...change } : undefined));
    this.announce({ reportId, draft: next ?? null });
    return next ?? null;
  }

  /** Sends one draft until the server has it, or until it must wait (Halt) or needs the officer. */
  private async send(key: string, reportId: number): Promise<void> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const draft = await readDraft(key);
      if (!draft || (draft.state !== 'pending' && draft.state !== 'auth')) return;
      if (!hasLocalChanges(draft)) {
        await deleteDraft(key);
        this.announce({ reportId, draft: null });
        return;
      }
      const body: WriteBody = { version: draft.baseVersion, values: draft.values, explanations: draft.explanations };
      const isSubmit = draft.submitRequested;
      try {
        const summary = isSubmit ? await this.transport.submit(reportId, body) : await this.transport.save(reportId, body);
        await this.accepted(key, reportId, draft.revision, body, isSubmit, summary);
        if (!(await readDraft(key))) return;
      } catch (error) {
        if (!(await this.refused(key, reportId, draft, isSubmit, error))) return;
      }
    }
  }

  private async accepted(
    key: string,
    reportId: number,
    sentRevision: number,
    body: WriteBody,
    isSubmit: boolean,
    summary: ReportSummary,
  ): Promise<void> {
    const next = await updateDraft(key, (d) => {
      if (!d) return undefined;
      const rebased: ReportDraft = {
        ...d,
        baseVersion: summary.version,
        baseValues: body.values,
        baseExplanations: body.explanations,
        submitRequested: d.submitRequested && !isSubmit,
        state: 'pending',
        message: undefined,
        issues: undefined,
        server: undefined,
      };
      // Typed while this was on its way: keep the newer figures, now on top of the version just written.
      return d.revision === sentRevision || !hasLocalChanges(rebased) ? null : rebased;
    });
    await patchDeviceCopy<ReportView>(reportViewUrl(reportId), (view) => ({
      ...view,
      values: { ...view.values, ...body.values },
      explanations: body.explanations,
      version: summary.version,
      status: summary.status,
      statusLabel: REPORT_STATUS_LABELS[summary.status as ReportStatus] ?? view.statusLabel,
      updatedAt: summary.updatedAt,
      updatedBy: summary.updatedBy,
    }));
    this.announce({
      reportId,
      draft: next ?? null,
      sent: { kind: isSubmit ? 'submitted' : 'saved', summary, values: body.values, explanations: body.explanations },
    });
  }

  /** Handles a failed send; true when it is worth sending again at once. */
  private async refused(key: string, reportId: number, draft: ReportDraft, isSubmit: boolean, error: unknown): Promise<boolean> {
    if (isUnreachable(error) || (error instanceof ApiError && error.status >= 500)) {
      this.isSessionChecked = false;
      await this.mark(key, reportId, { state: 'pending', message: PENDING_MESSAGE });
      throw new Halt();
    }
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 401) {
      this.isSessionChecked = false;
      await this.mark(key, reportId, { state: 'auth', message: AUTH_MESSAGE });
      throw new Halt();
    }
    if (error.code === 'CSRF_INVALID') {
      // The token was from before the page went offline: ask the session for a fresh one.
      this.isSessionChecked = false;
      await this.checkSession(draft.userKey, [draft]);
      return true;
    }
    if (error.code === 'REPORT_VERSION_CONFLICT') return this.merge(key, reportId);
    if (isSubmit && (error.code === 'REPORT_INVALID' || error.code === 'REPORT_WARNINGS_UNEXPLAINED')) {
      // The server judged otherwise than this device (e.g. last period's figures were accepted
      // meanwhile): keep the figures as a draft on the server and tell the officer why it was not sent.
      const next = await updateDraft(key, (d) =>
        d ? { ...d, submitRequested: false, state: 'pending', message: undefined, issues: undefined } : undefined,
      );
      this.announce({ reportId, draft: next ?? null, submitRefused: { message: error.message, issues: error.issues } });
      return true;
    }
    if (error.code === 'REPORT_STATE_INVALID') {
      // Sent or locked meanwhile (by a colleague, or reviewed): the figures stay on the device beside the server's.
      const server = await this.fetchServerCopy(reportId);
      await this.mark(key, reportId, { state: 'refused', message: error.message, issues: error.issues, server, submitRequested: false });
      return false;
    }
    await this.mark(key, reportId, { state: 'refused', message: errorMessage(error), issues: error.issues, submitRequested: false });
    return false;
  }

  private async fetchServerCopy(reportId: number): Promise<ServerCopy | undefined> {
    try {
      return serverCopyOf(await this.transport.view(reportId));
    } catch (error) {
      if (isUnreachable(error)) throw new Halt();
      return undefined;
    }
  }

  /** A newer version on the server: merge what does not collide, ask the officer about what does. */
  private async merge(key: string, reportId: number): Promise<boolean> {
    let view: ReportView;
    try {
      view = await this.transport.view(reportId);
    } catch (error) {
      if (isUnreachable(error)) {
        await this.mark(key, reportId, { state: 'pending', message: PENDING_MESSAGE });
        throw new Halt();
      }
      await this.mark(key, reportId, { state: 'refused', message: errorMessage(error) });
      return false;
    }
    await patchDeviceCopy<ReportView>(reportViewUrl(reportId), () => view);
    const server = serverCopyOf(view);
    let retry = false;
    const next = await updateDraft(key, (d) => {
      if (!d) return undefined;
      if (!isEditable(view.status as ReportStatus)) {
        return {
          ...d,
          state: 'refused',
          server,
          submitRequested: false,
          message: `Báo cáo đã chuyển sang «${REPORT_STATUS_LABELS[view.status as ReportStatus]}» (${view.updatedBy}) nên không nhận thêm số liệu. Số liệu bạn nhập vẫn được giữ trên máy này.`,
        };
      }
      const rebase = rebaseOnServer(d, server);
      if (rebase.conflicts.length > 0) {
        return { ...d, state: 'conflict', server, submitRequested: false, message: conflictMessage(server) };
      }
      retry = true;
      // Nothing collides: the officer's changes go on top of the newer version, as if typed there.
      return {
        ...d,
        baseVersion: server.version,
        baseValues: server.values,
        baseExplanations: server.explanations,
        values: rebase.values,
        explanations: rebase.explanations,
        state: 'pending',
        message: undefined,
        server: undefined,
      };
    });
    this.announce({ reportId, draft: next ?? null });
    return retry;
  }
}
