import fs from 'fs';
import type { Locator, Page } from 'playwright-core';

/** WCAG 2.0 and 2.1, levels A and AA: the standard the admin pages meet (README → Accessibility). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary: string }>;
}

/**
 * Runs axe-core in the page on the plugin's part of it (`include`, default the whole document), with the
 * WCAG 2.1 A/AA rules, and returns the violations in a readable form (empty when none).
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  // Evaluated, not added as a <script>: the admin's Content-Security-Policy (script-src 'self') blocks inline scripts.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  await animationsSettled(page);
  const violations = await page.evaluate(
    async ({ include, tags }) => {
      const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(include ? { include: [include] } : (globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
    },
    { include, tags: WCAG_TAGS }
  );
  return violations.flatMap((v: AxeViolation) => v.nodes.map((n) => `${v.impact ?? ''} ${v.id} (${v.help}) at ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
}

/**
 * Waits until every finite animation and transition in the page has finished: a dialog fading in has its text
 * at part opacity, which axe measures as low contrast (a loaded machine ran axe mid-fade once). Infinite ones
 * (loaders) are left running.
 */
export async function animationsSettled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    type Anim = { finished: Promise<unknown>; effect: { getTiming(): { iterations?: number } } | null };
    const doc = (globalThis as unknown as { document: { getAnimations(): Anim[] } }).document;
    for (let round = 0; round < 5; round += 1) {
      const running = doc.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity);
      if (running.length === 0) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
}

/** Whether the element that has focus is `locator` (focus returns to its origin after a dialog closes). */
export async function hasFocus(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement);
}
