import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../domain/demo/demo-accounts.ts';
import type { CurrentUser } from '../../server/auth/auth.schema.ts';
import { apiGet, apiLogin } from './api.ts';
import { launchBrowser, loginInBrowser, openPage, openPhonePage, type OpenedPage } from './browser.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/** Someone logged in through the API: the cookie, the CSRF token state-changing calls need, and who they are. */
export interface Session {
  cookie: string;
  csrfToken: string;
  me: CurrentUser;
}

/** Logs in through the API (the demo accounts' password unless another is given) and reads /api/auth/me. */
export async function apiSession(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const cookie = await apiLogin(baseUrl, username, password);
  const me = await apiGet<CurrentUser>(baseUrl, '/api/auth/me', cookie);
  return { cookie, csrfToken: me.csrfToken ?? '', me };
}

/** A file's own server (on a copy of the seeded demo province) and Debian's Chromium, started and stopped together. */
export interface Stage {
  server: TestServer;
  browser: Browser;
}

/** The server and the browser start side by side: the server's start is mostly waiting on its database. */
export async function startStage(): Promise<Stage> {
  const [server, browser] = await Promise.allSettled([startTestServer(), launchBrowser()]);
  if (server.status === 'fulfilled' && browser.status === 'fulfilled') return { server: server.value, browser: browser.value };
  await stopStage({
    server: server.status === 'fulfilled' ? server.value : undefined,
    browser: browser.status === 'fulfilled' ? browser.value : undefined,
  });
  throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
}

/** Closes what `startStage` started, as far as it got (an afterAll runs after a failed beforeAll too). */
export async function stopStage(stage: Partial<Stage> | undefined): Promise<void> {
  await Promise.all([stage?.browser?.close(), stage?.server?.stop()]);
}

/** The stage and one page at a laptop's size, not signed in yet: what a one-person file drives. */
export interface LaptopStage extends Stage {
  opened: OpenedPage;
  page: Page;
}

export async function startOnLaptop(): Promise<LaptopStage> {
  const stage = await startStage();
  const opened = await openPage(stage.browser, stage.server.url);
  return { ...stage, opened, page: opened.page };
}

/** A person in their own browser context (a laptop, or a phone of the given size), signed in through the login screen. */
export async function openAs(
  { server, browser }: Stage,
  username: string,
  phone?: { width: number; height: number },
  password = DEMO_PASSWORD,
): Promise<OpenedPage> {
  const opened = phone ? await openPhonePage(browser, server.url, phone) : await openPage(browser, server.url);
  await loginInBrowser(opened.page, username, password);
  return opened;
}
