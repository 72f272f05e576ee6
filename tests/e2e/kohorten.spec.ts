import AxeBuilder from '@axe-core/playwright';
import { test, expect, demoReport, ready, value } from './fixtures';

const report = () => demoReport();

test('cohorts and milestones show the report command numbers; incomplete cohorts are marked', async ({ page }) => {
	const r = report();
	await page.goto('/kohorten/');
	await ready(page);
	const c2022 = r.cohorts.find((c: { key: string }) => c.key === '2022');
	expect(await value(page, 'cohorts.2022.n')).toBe(String(c2022.n));
	expect(await value(page, 'cohorts.2022.horizons.12.in_care')).toBe(String(c2022.horizons[1].in_care));
	// Demo Stichtag 2024-12-31: no 2024 entry is 12 months old yet.
	await expect(page.locator('tr[data-complete="false"]').first()).toContainText('unvollständig: 0 von 5.970 Fällen so lange beobachtet');
	for (const m of r.milestones) expect(await value(page, `milestones.${m.code}.share`), m.code).toBe(String(m.share));
	expect(await value(page, 'milestones.diagnose.median_days')).toBe(String(r.milestones[2].median_days));
});

test('the A/B comparison draws two curves with a log-rank test and the difference of integration shares', async ({ page }) => {
	await page.goto('/kohorten/');
	await ready(page);
	await page.getByTestId('cohort-A-gender').selectOption('w');
	await page.getByTestId('cohort-B-gender').selectOption('m');
	await expect(page.getByTestId('ab-km-curve')).toHaveCount(2);
	await expect(page.getByTestId('ab-logrank')).toContainText('Log-Rank-Test: χ² =');
	await expect(page.getByTestId('ab-difference')).toContainText('Differenz A − B:');
	// Each cohort form recomputes on its own; read the three values once they belong together.
	await expect
		.poll(async () => {
			const a = Number(await value(page, 'ab.a.integration_share.value'));
			const b = Number(await value(page, 'ab.b.integration_share.value'));
			const d = Number(await value(page, 'ab.integration_difference.difference'));
			return a !== b && Math.abs(d - (a - b)) < 1e-12;
		})
		.toBe(true);
});

test('axe-core finds no violation on the cohorts view with the tables shown', async ({ page }) => {
	await page.goto('/kohorten/');
	await ready(page);
	await expect(page.getByTestId('ab-km-curve')).toHaveCount(2);
	// Each click renames its button, so always take the first one still showing a chart.
	const showTable = page.getByRole('button', { name: 'Tabelle anzeigen' });
	while ((await showTable.count()) > 0) await showTable.first().click();
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((x) => x.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the A/B comparison shows the cohort, competing-risk and milestone charts for A and B side by side', async ({ page }) => {
	await page.goto('/kohorten/');
	await ready(page);
	await page.getByTestId('cohort-A-gender').selectOption('w');
	await page.getByTestId('cohort-B-gender').selectOption('m');
	for (const k of ['a', 'b']) {
		const side = page.getByTestId(`ab-side-${k}`);
		await expect(side.locator(`[data-chart="ab-${k}-cohorts"] svg[role="img"]`)).toBeVisible();
		await expect(side.locator(`[data-chart="ab-${k}-cif"] svg[role="img"]`)).toBeVisible();
		await expect(side.locator(`[data-chart="ab-${k}-milestones"]`)).toBeVisible();
	}
	// The cohorts of A and B add up to no more than all cases of their year.
	const all = Number(await page.locator('[data-indicator="cohorts.2023.n"]').first().getAttribute('data-value'));
	await expect.poll(async () => {
		const a = Number(await page.locator('[data-indicator="ab.a.cohorts.2023.n"]').getAttribute('data-value'));
		const b = Number(await page.locator('[data-indicator="ab.b.cohorts.2023.n"]').getAttribute('data-value'));
		return a > 0 && b > 0 && a + b <= all;
	}).toBe(true);
});
