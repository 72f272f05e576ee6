import { test, expect, demoReport, ready, value } from './fixtures';

test('the cockpit shows the report values for change, series and referral reasons', async ({ page }) => {
	const report = demoReport();
	await page.goto('/');
	await ready(page);
	for (const key of ['teilhabe_erhoehung', 'kontaktdichte'])
		expect(await value(page, `${key}.value`), key).toBe(String(report[key].value));
	expect(await value(page, 'integration_share.ci_low')).toBe(String(report.integration_share.ci_low));
	expect(await value(page, 'bf_erhoehung.mean_change')).toBe(String(report.bf_erhoehung.mean_change));
	expect(await value(page, 'integration_share.ci_high')).toBe(String(report.integration_share.ci_high));
	for (let a = 1; a <= 4; a++)
		for (let b = 1; b <= 4; b++) {
			const v = report.bf_erhoehung.transitions[a - 1][b - 1];
			expect(await value(page, `bf_erhoehung.transitions.${a}.${b}`)).toBe(v === null ? '' : String(v));
		}
	const last = report.series[report.series.length - 1];
	expect(await value(page, `series.${last.month}.stock_end`)).toBe(String(last.stock_end));
	expect(await value(page, `referral_reasons.psychisch.share`)).toBe(String(report.referral_reasons[0].share));
	await page.getByTestId('success-toggle').check();
	for (const row of report.outcome_groups)
		expect(await value(page, `outcome_groups.${row.code}.count`), row.code).toBe(row.count === null ? '' : String(row.count));
});

test('clicking a referral reason filters every other chart, and the chip removes it', async ({ page }) => {
	const filtered = demoReport(['--filter', 'referral_reason=sucht']);
	await page.goto('/');
	await ready(page);
	await page.getByTestId('referral-sucht').click();
	await expect(page.locator('[data-indicator="flow.exits"]')).toHaveAttribute('data-value', String(filtered.flow.exits));
	expect(await value(page, 'integration_share.value')).toBe(String(filtered.integration_share.value));
	expect(await value(page, 'exit_reasons.reha.count')).toBe(filtered.exit_reasons[3].count === null ? '' : String(filtered.exit_reasons[3].count));
	await expect(page.getByTestId('referral-sucht')).toHaveAttribute('aria-pressed', 'true');
	await page.getByRole('button', { name: /Filter Zusteuerungsgrund: sucht entfernen/ }).click();
	await ready(page);
	await expect(page.getByTestId('referral-sucht')).toHaveAttribute('aria-pressed', 'false');
});

test('a target set on a tile is kept over a reload', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const tile = page.locator('[data-tile="integration_share"]');
	await tile.locator('summary').click();
	await tile.getByTestId('target-integration_share').fill('50');
	await tile.getByTestId('target-integration_share').press('Enter');
	await expect(tile.getByTestId('target-status')).toHaveText('Ziel 50,0 % nicht erreicht');
	await page.reload();
	await ready(page);
	await expect(page.locator('[data-tile="integration_share"]').getByTestId('target-status')).toHaveText('Ziel 50,0 % nicht erreicht');
});

test('the change against the previous period equals the report for the previous period', async ({ page }) => {
	const prev = demoReport(['--from', '2023-01-01', '--to', '2023-12-31']);
	await page.goto('/');
	await ready(page);
	const tile = page.locator('[data-tile="flow.entries"]');
	await expect(tile.getByTestId('delta')).toContainText(`Vorperiode: ${prev.flow.entries.toLocaleString('de-DE')}`);
});
