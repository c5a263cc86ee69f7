/**
 * The app's one ReportSync, over a client of its own: the same CSRF header as every write, but a
 * 401 here does not send the officer to the login page mid-sentence — the sync marks the drafts
 * "log in again" and the shell says so, with the figures still on the device.
 */
import type { CurrentUser } from '../../server/auth/auth.schema.ts';
import { createApiClient } from '../api/api-client.ts';
import { acceptSession, currentCsrfToken } from '../api/auth.api.ts';
import type { ReportSummary, ReportView } from '../api/reporting.api.ts';
import { noteReachable } from './connectivity.ts';
import { isUnreachable } from './device-copy.ts';
import { ReportSync } from './report-sync.ts';

const client = createApiClient({
  prepareRequest: (headers, method) => {
    const token = currentCsrfToken();
    if (token && method !== 'GET') headers.set('x-csrf-token', token);
  },
});

/** Every answer, even a refusal, says the server is there; only a failed connection says it is not. */
async function observed<T>(call: Promise<T>): Promise<T> {
  try {
    const result = await call;
    noteReachable(true);
    return result;
  } catch (error) {
    noteReachable(!isUnreachable(error));
    throw error;
  }
}

export const reportSync = new ReportSync({
  me: async () => acceptSession(await observed(client.get<CurrentUser>('/api/auth/me'))),
  save: (id, body) => observed(client.put<ReportSummary>(`/api/reports/${id}`, body)),
  submit: (id, body) => observed(client.post<ReportSummary>(`/api/reports/${id}/submit`, body)),
  view: (id) => observed(client.get<ReportView>(`/api/reports/${id}`)),
});
