import fs from 'node:fs';
import { test, expect, fixture, ready, upload, value } from './fixtures';

const expected = JSON.parse(fs.readFileSync('tests/fixtures/dialects/expected.json', 'utf8'));

for (const file of expected.files as string[]) {
	test(`dialect ${file} loads through the file input with the expected counts`, async ({ page }) => {
		await page.goto('/?k=1&from=2022-01-01&to=2023-06-30');
		await ready(page);
		await upload(page, [fixture('dialects', file)]);
		const report = page.getByTestId('load-report');
		await expect(report.locator(`[data-indicator="load.files.${file}.accepted"]`)).toHaveAttribute('data-value', '10');
		expect(await value(page, `load.files.${file}.rejected`)).toBe('0');
		await expect(page.getByTestId('stichtag')).toHaveAttribute('data-value', expected.each_file.stichtag_if_none_given);
		for (const [code, n] of Object.entries(expected.each_file.exit_reasons)) {
			expect(await value(page, `exit_reasons.${code}.count`), code).toBe(String(n));
		}
		expect(await value(page, 'flow.stock_end')).toBe(String(expected.each_file.in_care));
		// Umlauts survive every encoding: the jobcenter filter offers "Jobcenter Süd".
		await expect(page.getByTestId('filter-jobcenter_id').locator('option', { hasText: 'Jobcenter Süd' })).toHaveCount(1);
	});
}

test('a broken file next to a good one: one sentence for the broken, the good one loads', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const png = { name: 'bild.csv', mimeType: 'text/csv', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) };
	await upload(page, [png, fixture('dialects', 'excel_de_cp1252.csv')]);
	const broken = page.locator('[data-testid="file-report"][data-file="bild.csv"]');
	await expect(broken.getByTestId('file-error')).toHaveText('Die Datei ist weder CSV noch Parquet (sie enthält Binärdaten).');
	expect(await value(page, 'load.files.excel_de_cp1252.csv.accepted')).toBe('10');
});

test('rejected rows are counted per reason in the load report', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const csv = 'Fall-Nr.;Jobcenter;Eintritt am;Austritt am;Beendigungsgrund\nA1;JC;01.02.2023;;\nA2;JC;31.02.2023;;\nA1;JC;01.03.2023;;\nA3;JC;01.03.2023;01.01.2023;Reha\n';
	await upload(page, [{ name: 'faelle.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') }]);
	expect(await value(page, 'load.files.faelle.csv.rows')).toBe('4');
	expect(await value(page, 'load.files.faelle.csv.accepted')).toBe('1');
	expect(await value(page, 'load.files.faelle.csv.rejected_reasons.invalid_date:entry_date')).toBe('1');
	expect(await value(page, 'load.files.faelle.csv.rejected_reasons.duplicate_case_id')).toBe('1');
	expect(await value(page, 'load.files.faelle.csv.rejected_reasons.exit_before_entry')).toBe('1');
	const download = page.waitForEvent('download');
	await page.getByTestId('download-rejected').click();
	const file = await (await download).path();
	const text = fs.readFileSync(file!, 'utf8');
	expect(text.startsWith('\uFEFFDatei;Datensatz;Zeile;Grund')).toBe(true);
	expect(text.split('\r\n').filter((l) => l.startsWith('faelle.csv;')).length).toBe(3);
});

test('an export with identifier columns is refused and the user is warned', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const csv = 'fall_id;jobcenter;eintritt;Name;Geburtsdatum\nB1;JC;2023-01-01;Müller;01.01.1980\n';
	await upload(page, [{ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
	await expect(page.getByTestId('refused-warning')).toContainText('Name, Geburtsdatum');
	expect(await value(page, 'load.files.export.csv.accepted')).toBe('1');
	await expect(page.locator('body')).not.toContainText('Müller');
});

test('labels from the data are text, never HTML, and hostile ids load as ordinary ids', async ({ page }) => {
	await page.goto('/?k=1');
	await ready(page);
	let alerted = false;
	page.on('dialog', async (d) => {
		alerted = true;
		await d.dismiss();
	});
	const csv = [
		'case_id;jobcenter_id;unit;entry_date',
		'H1;<img src=x onerror=alert(1)>;Jobcenter <b>Mitte</b>;2023-01-10',
		'"a\'); DROP TABLE cases;--";O\'Brien-Kreis;Süd;2023-02-10'
	].join('\n');
	await upload(page, [{ name: 'feindlich.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
	expect(await value(page, 'load.files.feindlich.csv.accepted')).toBe('2');
	const jc = page.getByTestId('filter-jobcenter_id');
	await expect(jc.locator('option', { hasText: '<img src=x onerror=alert(1)>' })).toHaveCount(1);
	await expect(page.getByTestId('filter-unit').locator('option', { hasText: 'Jobcenter <b>Mitte</b>' })).toHaveCount(1);
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
	await expect(page.locator('main b')).toHaveCount(0);
	await jc.selectOption("O'Brien-Kreis");
	await ready(page);
	expect(await value(page, 'flow.stock_end')).toBe('1');
	expect(alerted).toBe(false);
});
