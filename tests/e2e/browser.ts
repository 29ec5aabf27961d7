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
  page.on('console', (msg) => {
    // The admin's own calls to outside hosts (marketplace, blog) fail on this closed network: not ours.
    if (msg.type() === 'error' && !msg.text().includes('net::ERR_NAME_NOT_RESOLVED')) consoleErrors.push(msg.text());
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
    throw error;
  }
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
