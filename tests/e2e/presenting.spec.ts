import AxeBuilder from '@axe-core/playwright';
import fs from 'node:fs';
import { test, expect, ready, value } from './fixtures';

test('a chart exports as SVG with its footnote and Stichtag', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const chart = page.locator('[data-chart="exit_reasons"]');
	const download = page.waitForEvent('download');
	await chart.getByTestId('export-svg').click();
	const d = await download;
	expect(d.suggestedFilename()).toBe('beendigungsgruende.svg');
	const svg = fs.readFileSync((await d.path())!, 'utf8');
	expect(svg.startsWith('<?xml')).toBe(true);
	expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
	expect(svg).toContain('Stichtag 31.12.2024');
	expect(svg).toContain('Quelle: Demodaten (synthetisch)');
	expect(svg).toContain('Werte unter 5 Fällen nicht ausgewiesen');
	expect(svg).toContain('Zeitraum 01.01.2024 bis 31.12.2024');
	expect(svg).not.toContain('var(--');
});

test('a chart exports as a PNG at twice its size', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const download = page.waitForEvent('download');
	await page.locator('[data-chart="exit_reasons"]').getByTestId('export-png').click();
	const bytes = fs.readFileSync((await (await download).path())!);
	expect(bytes.subarray(1, 4).toString()).toBe('PNG');
	// IHDR width: the 640-unit chart at 2×.
	expect(bytes.readUInt32BE(16)).toBe(1280);
});

test('the CSV export holds the values the screen shows, in the German Excel dialect', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const download = page.waitForEvent('download');
	await page.locator('[data-chart="exit_reasons"]').getByTestId('export-csv').click();
	const text = fs.readFileSync((await (await download).path())!, 'utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	const lines = text.slice(1).split('\r\n');
	expect(lines[0]).toBe('Grund;Anzahl;Anteil;KI unten;KI oben');
	const reha = lines.find((l) => l.startsWith('Reha-Maßnahme läuft;'))!.split(';');
	expect(reha[1]).toBe(await value(page, 'exit_reasons.reha.count'));
	expect(reha[2]).toBe((await value(page, 'exit_reasons.reha.share'))!.replace('.', ','));
});

test('presentation mode walks through three slides by keyboard, with the context in every footer', async ({ page }) => {
	await page.goto('/praesentation/');
	await ready(page);
	await page.getByTestId('slides-preset').click();
	await page.getByTestId('slide-option-referral').uncheck();
	await page.getByTestId('slide-option-series').uncheck();
	await expect(page.getByTestId('slide-list').locator('li')).toHaveCount(3);
	await page.getByTestId('present').click();
	const stage = page.getByTestId('presentation');
	await expect(stage).toBeVisible();
	await expect(stage.getByTestId('slide-count')).toHaveText('Folie 1 von 3');
	await expect(stage.locator('[data-slide="exit_reasons"]')).toBeVisible();
	await expect(stage.locator('footer')).toContainText('Stichtag 31.12.2024');
	await expect(stage.locator('footer')).toContainText('Demodaten (synthetisch)');
	await expect(stage.locator('footer')).toContainText('k = 5');
	await expect(stage.getByTestId('export-svg')).toBeHidden();
	await page.keyboard.press('ArrowRight');
	await expect(stage.getByTestId('slide-count')).toHaveText('Folie 2 von 3');
	await page.keyboard.press('Space');
	await expect(stage.locator('[data-slide="bf_change"]')).toBeVisible();
	await page.keyboard.press('ArrowLeft');
	await expect(stage.getByTestId('slide-count')).toHaveText('Folie 2 von 3');
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
	await page.keyboard.press('Escape');
	await expect(stage).toBeHidden();
	// The slide list is kept.
	await page.reload();
	await ready(page);
	await expect(page.getByTestId('slide-list').locator('li')).toHaveCount(3);
});

test('a URL opened in a new page restores the view, filters, period and k', async ({ page, context }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('filter-gender').selectOption('w');
	await page.getByTestId('k-input').fill('7');
	await page.getByTestId('k-input').press('Enter');
	await ready(page);
	const exits = await value(page, 'flow.exits');
	await page.getByRole('link', { name: 'Präsentation' }).click();
	await page.waitForURL(/\/praesentation\//);
	const url = page.url();
	expect(url).toContain('/praesentation/');
	expect(url).toContain('k=7');
	const other = await context.newPage();
	await other.goto(url.replace('/praesentation/', '/'));
	await ready(other);
	await expect(other.getByTestId('filter-gender')).toHaveValue('w');
	await expect(other.getByTestId('k-input')).toHaveValue('7');
	expect(await value(other, 'flow.exits')).toBe(exits);
});

test('a saved analysis reopened restores targets, slides and mappings', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const tile = page.locator('[data-tile="integration_share"]');
	await tile.locator('summary').click();
	await tile.getByTestId('target-integration_share').fill('20');
	await tile.getByTestId('target-integration_share').press('Enter');
	await page.evaluate(() =>
		localStorage.setItem('teilhabe-monitor.mappings', JSON.stringify([{ signature: 'kennung|start', table: 'cases', mapping: { Kennung: 'case_id' } }]))
	);
	const download = page.waitForEvent('download');
	await page.getByTestId('analysis-save').click();
	const saved = fs.readFileSync((await (await download).path())!, 'utf8');
	expect(JSON.parse(saved)).toMatchObject({ kind: 'teilhabe-monitor-analysis', targets: { integration_share: 0.2 } });

	// A colleague's browser: nothing stored.
	await page.evaluate(() => localStorage.clear());
	await page.reload();
	await ready(page);
	await expect(page.locator('[data-tile="integration_share"]').getByTestId('target-status')).toHaveCount(0);
	await page.getByTestId('analysis-open').setInputFiles({ name: 'analyse.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
	await expect(page.getByTestId('analysis-message')).toHaveText('Analyse „analyse.json“ geöffnet.');
	await expect(page.locator('[data-tile="integration_share"]').getByTestId('target-status')).toHaveText('Ziel 20,0 % nicht erreicht');
	const mappings = await page.evaluate(() => localStorage.getItem('teilhabe-monitor.mappings'));
	expect(JSON.parse(mappings!)[0].mapping).toEqual({ Kennung: 'case_id' });
});

test('a file that is not a saved analysis gets one sentence', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.getByTestId('analysis-open').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
	await expect(page.getByTestId('analysis-message')).toHaveText('Die Datei „x.json“ ist keine gespeicherte Analyse des Teilhabe-Monitors.');
});

test('print puts one chart with its footnote per page, without controls', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.emulateMedia({ media: 'print' });
	const chart = page.locator('[data-chart="exit_reasons"]');
	await expect(page.locator('aside')).toBeHidden();
	await expect(chart.getByTestId('export-svg')).toBeHidden();
	await expect(chart.locator('.print-footnote')).toBeVisible();
	await expect(chart.locator('.print-footnote')).toContainText('Stichtag 31.12.2024');
	expect(await chart.evaluate((el) => getComputedStyle(el).breakAfter)).toBe('page');
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});

test('charts of the other views export too, with the same values as the screen', async ({ page }) => {
	await page.goto('/verlaeufe/');
	await ready(page);
	const km = page.locator('[data-chart="km"]');
	let download = page.waitForEvent('download');
	await km.getByTestId('export-svg').click();
	const svg = fs.readFileSync((await (await download).path())!, 'utf8');
	expect(svg).toContain('Stichtag 31.12.2024');
	expect(svg).toContain('Kaplan');

	// Through the navigation: the data stays loaded, as it does for a user.
	await page.getByRole('navigation').getByRole('link', { name: 'Regionen', exact: true }).click();
	await expect(page).toHaveURL(/\/regionen\//);
	await ready(page);
	const funnel = page.locator('[data-chart="funnel"]');
	download = page.waitForEvent('download');
	await funnel.getByTestId('export-csv').click();
	const lines = fs.readFileSync((await (await download).path())!, 'utf8').slice(1).split('\r\n');
	const row = lines.find((l) => l.startsWith('Jobcenter Landkreis Donautal;'))!.split(';');
	const shown = await funnel.locator('tr', { hasText: 'Jobcenter Landkreis Donautal' }).locator('[data-value]').first().getAttribute('data-value');
	expect(row[1]).toBe(shown!.replace('.', ','));
});

test('a Kaplan–Meier slide from another view is presented with its footer', async ({ page }) => {
	await page.goto('/verlaeufe/');
	await ready(page);
	await page.locator('[data-chart="km"]').getByTestId('add-slide').click();
	await page.getByRole('link', { name: 'Präsentation' }).click();
	await ready(page);
	await expect(page.getByTestId('slide-list').locator('li')).toHaveCount(1);
	await page.getByTestId('present').click();
	const stage = page.getByTestId('presentation');
	await expect(stage.locator('[data-slide="km"] svg[role="img"]')).toBeVisible();
	await expect(stage.locator('footer')).toContainText('Stichtag 31.12.2024');
});

test('the transition matrix, a table on screen, exports as an SVG heat map with its context', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	const chart = page.locator('[data-chart="bf_erhoehung"]');
	const download = page.waitForEvent('download');
	await chart.getByTestId('export-svg').click();
	const svg = fs.readFileSync((await (await download).path())!, 'utf8');
	const diagonal = await value(page, 'bf_erhoehung.transitions.2.2');
	expect(svg).toContain(`>${Number(diagonal).toLocaleString('de-DE')}</text>`);
	expect(svg).toContain('Stichtag 31.12.2024');
	expect(svg).toContain('Veränderung der Beschäftigungsfähigkeit');
});

test('small multiples export as one SVG with a panel per group', async ({ page }) => {
	await page.goto('/regionen/');
	await ready(page);
	const chart = page.locator('[data-chart="multiples"]');
	await expect(chart.locator('svg[role="img"]')).toHaveCount(8);
	const download = page.waitForEvent('download');
	await chart.getByTestId('export-svg').click();
	const svg = fs.readFileSync((await (await download).path())!, 'utf8');
	expect(svg.match(/role="img"/g)?.length).toBe(8);
	expect(svg).toContain('Jobcenter Landkreis Donautal');
});

test('every chart on every view offers SVG, PNG and CSV export', async ({ page }) => {
	// Per view (its link), the chart that is drawn last (some are computed after the report).
	const last: Record<string, string> = {
		Übersicht: '[data-chart="referral"]',
		'Verläufe & Dauern': '[data-chart="zd-jc"]',
		Kohorten: '[data-chart="ab-b-milestones"]',
		Regionen: '[data-chart="multiples"] svg[role="img"]'
	};
	await page.goto('/');
	for (const [route, selector] of Object.entries(last)) {
		// Through the navigation: the data stays loaded, as it does for a user.
		await page.getByRole('navigation').getByRole('link', { name: route, exact: true }).click();
		await expect(page.getByRole('navigation').getByRole('link', { name: route, exact: true })).toHaveAttribute('aria-current', 'page');
		await ready(page);
		await expect(page.locator(selector).first()).toBeAttached();
		const charts = page.locator('figure.chart');
		const n = await charts.count();
		expect(n, route).toBeGreaterThan(2);
		// Each chart (counted once drawn; later ones may still arrive) has its export buttons and
		// a drawing to export (the choropleth only once a GeoJSON file is given).
		for (let i = 0; i < n; i++) {
			const chart = charts.nth(i);
			await expect(chart.locator(':scope > .export [data-testid="export-svg"]'), `${route} chart ${i}`).toHaveCount(1);
			await expect(chart.locator(':scope > .export [data-testid="export-csv"]'), `${route} chart ${i}`).toHaveCount(1);
			if ((await chart.getAttribute('data-chart')) === 'choropleth') continue;
			await expect(chart.locator('svg[role="img"]').first(), `${route} chart ${i}`).toBeAttached();
		}
	}
});

test('a funnel plot from the regional view becomes a slide', async ({ page }) => {
	await page.goto('/regionen/');
	await ready(page);
	await page.locator('[data-chart="funnel"]').getByTestId('add-slide').click();
	await page.getByRole('link', { name: 'Präsentation' }).click();
	await ready(page);
	await page.getByTestId('present').click();
	const stage = page.getByTestId('presentation');
	await expect(stage.locator('[data-slide="funnel"] svg[role="img"]')).toBeVisible();
	await expect(stage.locator('[data-slide="funnel"]')).toContainText('99,8 %-Grenze');
});
