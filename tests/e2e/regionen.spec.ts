import AxeBuilder from '@axe-core/playwright';
import { test, expect, demoReport, ready, value, upload } from './fixtures';

interface Group {
	key: string;
	label: string;
	integration_share: { value: number | null } | null;
	funnel: { lo95: number; hi95: number; lo998: number; hi998: number; flag: string } | null;
}

test('the view shows the groups, limits and flags the report command gives', async ({ page }) => {
	const report = demoReport(['--group-by', 'jobcenter_id']);
	const groups: Group[] = report.groups;
	expect(groups).toHaveLength(8);
	await page.goto('/regionen/?group=jobcenter_id');
	await ready(page);
	for (const g of groups) {
		expect(await value(page, `groups.${g.key}.integration_share.value`), g.key).toBe(String(g.integration_share!.value));
		for (const lim of ['lo95', 'hi95', 'lo998', 'hi998'] as const)
			expect(await value(page, `groups.${g.key}.funnel.${lim}`), `${g.key} ${lim}`).toBe(String(g.funnel![lim]));
		expect(await value(page, `groups.${g.key}.funnel.flag`), g.key).toBe(g.funnel!.flag);
	}
	const above = groups.filter((g) => g.funnel!.flag === 'above').length;
	const below = groups.filter((g) => g.funnel!.flag === 'below').length;
	// The demo: Donautal above, Erzgebirgsvorland below the 99.8 % funnel.
	expect([above, below]).toEqual([1, 1]);
	await expect(page.getByTestId('funnel-summary')).toContainText(`${above} von 8 Jobcentern liegen über der 99,8 %-Grenze, ${below} darunter`);
	await expect(page.getByTestId('groups-table').locator('tbody tr')).toHaveCount(8);
});

test('"mein Jobcenter" is highlighted in every chart and persists over a reload', async ({ page }) => {
	await page.goto('/regionen/');
	await ready(page);
	await page.getByTestId('mine').selectOption('JC03');
	await ready(page);
	const check = async () => {
		await expect(page.getByTestId('mine-standing')).toContainText('Jobcenter Landkreis Donautal liegt bei „Anteil Integrationen an Abgängen“ auf Rang 1 von 8 und auf Rang 1 von 1 im Vergleichstyp Ia.');
		await expect(page.getByTestId('dot-mine')).toHaveCount(1);
		await expect(page.getByTestId('funnel-mine')).toHaveCount(1);
		await expect(page.getByTestId('multiples-mine')).toHaveCount(1);
		await expect(page.locator('[data-testid="tilemap"] g[data-state="BY"] rect')).toHaveAttribute('stroke-width', '4');
		await expect(page.locator('[data-testid="groups-table"] tr.mine th')).toHaveText('Jobcenter Landkreis Donautal');
	};
	await check();
	await expect(page).toHaveURL(/mine=JC03/);
	await page.reload();
	await ready(page);
	await check();
	// Without the URL parameter the browser's own storage remembers the choice.
	await page.goto('/regionen/');
	await ready(page);
	await check();
});

test('a GeoJSON file colours the map by the features that carry a group key', async ({ page }) => {
	await page.goto('/regionen/?group=jobcenter_id');
	await ready(page);
	const square = (x: number, props: Record<string, string>) => ({
		type: 'Feature',
		properties: props,
		geometry: { type: 'Polygon', coordinates: [[[x, 50], [x + 1, 50], [x + 1, 51], [x, 51], [x, 50]]] }
	});
	const geo = { type: 'FeatureCollection', features: [square(7, { ags: '05990', name: 'Ruhrtal' }), square(11, { GEN: 'Donautal', AGS: '09990' }), square(13, { name: 'Anderswo' })] };
	await page.getByTestId('geojson-input').setInputFiles({ name: 'kreise.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(geo)) });
	await expect(page.getByTestId('choropleth-summary')).toHaveText('2 von 3 Flächen einer Gruppe zugeordnet.');
	for (const key of ['JC01', 'JC03']) await expect(page.locator(`[data-testid="choropleth"] path[data-group="${key}"]`)).not.toHaveAttribute('data-fill', '#ffffff');
	await expect(page.locator('[data-testid="choropleth"] path[data-group=""]')).toHaveAttribute('data-fill', '#ffffff');
	// The darker of the two is the jobcenter with the higher integration share (Donautal).
	const fill = async (key: string) => parseInt((await page.locator(`path[data-group="${key}"]`).getAttribute('data-fill'))!.slice(1, 3), 16);
	expect(await fill('JC03')).toBeLessThan(await fill('JC01'));
});

test('hostile group labels are shown as text and small groups as "zu wenige Fälle"', async ({ page }) => {
	const rows = ['case_id;jobcenter_id;entry_date;exit_date;exit_reason'];
	const add = (jc: string, n: number) => {
		for (let i = 0; i < n; i++) rows.push(`${jc.length}-${rows.length};${jc};2023-01-10;2023-06-15;${i % 3 ? 'Reha' : 'Arbeitsaufnahme'}`);
	};
	add('Jobcenter <b>Mitte</b>', 30);
	add("O'Brien-Kreis", 30);
	add('Klein', 3);
	await page.goto('/regionen/');
	await ready(page);
	await upload(page, [{ name: 'faelle.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') }]);
	const table = page.getByTestId('groups-table');
	await expect(table.locator('tbody th')).toHaveText(['Jobcenter <b>Mitte</b>', 'Klein', "O'Brien-Kreis"]);
	await expect(table.locator('b')).toHaveCount(0);
	await expect(table.locator('tr[data-group="Klein"] td')).toHaveText('zu wenige Fälle');
	await expect(page.getByTestId('few-groups')).toContainText('Klein');
	expect(await value(page, "groups.O'Brien-Kreis.integration_share.value")).toBe(String(10 / 30));
	await page.getByTestId('mine').selectOption("O'Brien-Kreis");
	await expect(page.getByTestId('mine-standing')).toContainText("O'Brien-Kreis liegt bei");
});

test('axe-core finds no serious violation with a highlighted group and tables shown', async ({ page }) => {
	await page.goto('/regionen/?mine=JC01');
	await ready(page);
	await expect(page.getByTestId('multiples-mine')).toHaveCount(1);
	const toggles = page.getByRole('button', { name: 'Tabelle anzeigen' });
	while ((await toggles.count()) > 0) await toggles.first().click();
	const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});
