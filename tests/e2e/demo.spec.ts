import { test, expect, demoReport, ready, value } from './fixtures';

test('the demo renders, labelled as synthetic, with the numbers the report command gives', async ({ page, requests }) => {
	const report = demoReport();
	await page.goto('/');
	await ready(page);
	await expect(page.getByTestId('demo-badge')).toHaveText('Demodaten (synthetisch)');
	// The demo's Parquet files took the fast path: its decoder came from the app's own origin.
	expect(requests.filter((r) => /\/parquet_wasm_bg-[\w-]+\.wasm$/.test(r.url)).map((r) => new URL(r.url).origin)).toEqual([new URL(page.url()).origin]);
	for (const key of ['entries', 'exits', 'stock_end', 'stock_avg'])
		expect(await value(page, `flow.${key}`), key).toBe(String(report.flow[key]));
	for (const row of report.exit_reasons) {
		expect(await value(page, `exit_reasons.${row.code}.count`), row.code).toBe(row.count === null ? '' : String(row.count));
		expect(await value(page, `exit_reasons.${row.code}.share`), row.code).toBe(row.share === null ? '' : String(row.share));
	}
	for (const key of ['integration_share', 'integrationsquote', 'ermoeglichungsquote', 'bf_erhoehung', 'betreuungsschluessel'])
		expect(await value(page, `${key}.value`), key).toBe(report[key]?.value == null ? '' : String(report[key].value));
});

test('a filter changes the numbers exactly as the report command does with --filter', async ({ page }) => {
	const first = await (async () => {
		await page.goto('/');
		await ready(page);
		return page.getByTestId('filter-jobcenter_id').locator('option').nth(1).getAttribute('value');
	})();
	const report = demoReport(['--filter', `jobcenter_id=${first}`]);
	await page.getByTestId('filter-jobcenter_id').selectOption(first!);
	await ready(page);
	await expect(page.locator('[data-indicator="flow.exits"]')).toHaveAttribute('data-value', String(report.flow.exits));
	expect(await value(page, 'integration_share.value')).toBe(String(report.integration_share.value));
	await expect(page).toHaveURL(/f\.jobcenter_id=/);
	// A Profillage, shown as the term is written, on top.
	const both = demoReport(['--filter', `jobcenter_id=${first}`, '--filter', 'profile=aktivierungsprofil']);
	await page.getByTestId('filter-profile').selectOption({ label: 'Aktivierungsprofil' });
	await ready(page);
	await expect(page.locator('[data-indicator="flow.exits"]')).toHaveAttribute('data-value', String(both.flow.exits));
	expect(both.flow.exits).toBeLessThan(report.flow.exits);
	await expect(page).toHaveURL(/f\.profile=aktivierungsprofil/);
});
