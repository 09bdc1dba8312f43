import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** The impacts a screen must be free of; "minor" findings are left to judgement. */
const BLOCKING = new Set(['critical', 'serious', 'moderate']);

/**
 * Runs axe-core over the page as it is now and fails with a readable list of every critical, serious or moderate
 * violation. `label-content-name-mismatch` (WCAG 2.5.3, label in name) is still marked experimental in axe, so it
 * is switched on here explicitly.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const found = results.violations
    .filter((v) => v.impact && BLOCKING.has(v.impact))
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(found, `axe on ${screen}`).toEqual([]);
}
