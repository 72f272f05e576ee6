import AxeBuilder from '@axe-core/playwright';
import { test, expect, demoReport, ready, value } from './fixtures';

/** The report command's durations on the committed demo data (what the view must show). */
function durationsFromCli(filters: string[] = []) {
	return demoReport(filters.flatMap((f) => ['--filter', f])).verweildauer;
}

test('shows the median, its CI and the 24-month share the report command gives', async ({ page }) => {
	const v = durationsFromCli();
	await page.goto('/verlaeufe/');
	await ready(page);
	expect(await value(page, 'verweildauer.median_days')).toBe(String(v.median_days));
	expect(await value(page, 'verweildauer.median_ci.0')).toBe(String(v.median_ci[0]));
	expect(await value(page, 'verweildauer.median_ci.1')).toBe(String(v.median_ci[1]));
	expect(await value(page, 'verweildauer.share_over_24m')).toBe(String(v.share_over_24m));
	expect(await value(page, 'verweildauer.at_risk_table.12.at_risk')).toBe(String(v.at_risk_table[2].at_risk));
	const months = (v.median_days / 30.4375).toLocaleString('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
	await expect(page.getByTestId('km-summary')).toContainText(`Die Hälfte der Fälle ist nach ${months} Monaten beendet (95 %-KI`);
	await expect(page.getByTestId('km-curve')).toHaveCount(1);
});

test('a filter change updates the curve as the report command does, and how long it takes', async ({ page }) => {
	await page.goto('/verlaeufe/');
	await ready(page);
	const jc = await page.getByTestId('filter-jobcenter_id').locator('option').nth(1).getAttribute('value');
	const v = durationsFromCli([`jobcenter_id=${jc}`]);
	const started = Date.now();
	await page.getByTestId('filter-jobcenter_id').selectOption(jc!);
	await expect(page.locator('[data-indicator="verweildauer.n"]')).toHaveAttribute('data-value', String(v.n));
	await ready(page);
	const ms = Date.now() - started;
	test.info().annotations.push({ type: 'filter-update-ms', description: String(ms) });
	console.log(`Verläufe: filter change → updated view in ${ms} ms`);
	expect(await value(page, 'verweildauer.median_days')).toBe(String(v.median_days));
});

test('splits by gender into curves with keyboard toggles and a log-rank test', async ({ page }) => {
	await page.goto('/verlaeufe/');
	await ready(page);
	await page.getByTestId('strata-dimension').selectOption('gender');
	await expect(page.getByTestId('strata-logrank')).toContainText('Log-Rank-Test: χ² =');
	const curves = page.getByTestId('km-curve');
	const n = await curves.count();
	expect(n).toBeGreaterThanOrEqual(2);
	const toggle = page.getByTestId('km-toggle').first();
	await toggle.focus();
	await page.keyboard.press('Space');
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await expect(curves).toHaveCount(n - 1);
	await page.keyboard.press('Enter');
	await expect(curves).toHaveCount(n);
});

test('axe-core finds no violation with a split and every table shown', async ({ page }) => {
	await page.goto('/verlaeufe/');
	await ready(page);
	await page.getByTestId('strata-dimension').selectOption('gender');
	await expect(page.getByTestId('strata-logrank')).toBeVisible();
	// Each click renames its button, so always take the first one still showing a chart.
	const showTable = page.getByRole('button', { name: 'Tabelle anzeigen' });
	while ((await showTable.count()) > 0) await showTable.first().click();
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`)).toEqual([]);
});
