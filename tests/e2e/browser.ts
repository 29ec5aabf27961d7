import fs from 'fs';
import path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:1347';
export const SCREENSHOTS = path.join(__dirname, 'screenshots');

/**
 * Debian's Chromium, headless, with no background network traffic. Playwright gives every launch a
 * fresh temporary profile (it refuses a --user-data-dir argument), which is the fresh profile we want.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function newPage(browser: Browser, width = 1440, height = 900) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US' });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  // Console errors of the page, except failed resource loads: Strapi itself asks for features this
  // playground does not configure (AI, preview) and for outside hosts this closed network cannot reach.
  // Failed calls to the plugin's own routes are recorded separately and do count.
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) consoleErrors.push(msg.text());
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && res.url().includes('/journey-map/')) consoleErrors.push(`${res.status()} ${res.url()}`);
  });
  return { page, consoleErrors };
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Runs a test body and saves a screenshot named after it when it fails. */
export async function withFailureScreenshot(page: Page, name: string, body: () => Promise<void>) {
  try {
    await body();
  } catch (error) {
    await screenshot(page, `FAILED-${name}`).catch(() => undefined);
    // the whole page as text too: what the screenshot's viewport cut off
    await page
      .innerText('body')
      .then((text) => fs.writeFileSync(path.join(SCREENSHOTS, `FAILED-${name}.txt`), text))
      .catch(() => undefined);
    throw error;
  }
}

/** Fetches an admin API route with an admin token; answers its whole JSON body (throws on a failed status). */
export async function adminJson(token: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${BASE_URL}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as any;
}

/** Calls an admin API route with an admin token; answers the route's `data` (throws on a failed status). */
export async function adminCall(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: any }).data;
}

export const ADMIN = { email: 'lead@journey-map.test', password: 'Password1234', firstname: 'Lead', lastname: 'Marketer' };

/** Creates the first super admin through the real API (once per run; later calls reuse it). */
export async function ensureSuperAdmin() {
  const init = (await (await fetch(`${BASE_URL}/admin/init`)).json()) as { data: { hasAdmin: boolean } };
  if (!init.data.hasAdmin) {
    const res = await fetch(`${BASE_URL}/admin/register-admin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    if (!res.ok) throw new Error(`register-admin failed: ${res.status}`);
  }
  return ADMIN;
}

export async function login(page: Page, email: string, password: string) {
  await page.goto(`${BASE_URL}/admin/auth/login`);
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/password/i).fill(password);
  await page.getByRole('button', { name: /login/i }).click();
  await page.waitForURL(/\/admin(\/)?$/, { timeout: 60000 });
}

/** Creates an admin with a new role holding the given permissions, through the real admin API. */
export async function createAdmin(superToken: string, name: string, permissions: Array<{ action: string; subject?: string | null; properties?: Record<string, unknown> }>) {
  const call = (method: string, path: string, body?: unknown) => adminCall(superToken, method, path, body);
  const role = await call('POST', '/admin/roles', { name, description: `${name} (browser tests)` });
  await call('PUT', `/admin/roles/${role.id}/permissions`, {
    permissions: permissions.map((p) => ({ action: p.action, subject: p.subject ?? null, properties: p.properties ?? {}, conditions: [] })),
  });
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@journey-map.test`;
  const user = await call('POST', '/admin/users', { email, firstname: name, lastname: 'Tester', roles: [role.id] });
  const password = 'Password1234';
  const res = await fetch(`${BASE_URL}/admin/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ registrationToken: user.registrationToken, userInfo: { firstname: name, lastname: 'Tester', password } }),
  });
  if (!res.ok) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  return { email, password };
}

export async function superAdminToken() {
  const admin = await ensureSuperAdmin();
  const res = await fetch(`${BASE_URL}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  return ((await res.json()) as { data: { token: string } }).data.token;
}

/** Picks options in a design-system select opened by its label. */
export async function pickOptions(page: Page, label: string, options: string[]) {
  await page.getByRole('combobox', { name: label }).click();
  for (const option of options) await page.getByRole('option', { name: option, exact: true }).first().click();
  await page.keyboard.press('Escape');
}

/**
 * Opens Chromium and makes sure the super admin exists before a test file's tests (handing both to
 * `ready`, with a super-admin token), and closes the browser after them.
 */
export function withBrowser(ready: (browser: Browser, token: string) => void | Promise<void>) {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    await ensureSuperAdmin();
    await ready(browser, await superAdminToken());
  });
  afterAll(async () => {
    await browser?.close();
  });
}
