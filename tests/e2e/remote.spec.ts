import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDataServer, type Served } from '../../scripts/serve-data';
import { writeHiveLayout } from '../support/hive';
import { test, expect, ready, value } from './fixtures';

/**
 * The data-server path in the real browser: a MinIO-like server on loopback (S3 listing,
 * range requests, CORS) that the build allow-lists through TM_DATA_ORIGINS (scripts/test.mjs
 * builds with it). The recorder allows exactly that origin, and only bodiless GET/HEAD.
 */
const DATA_ORIGIN = `http://127.0.0.1:${Number(process.env.E2E_DATA_PORT ?? 4199)}`;
const APP_PORT = Number(process.env.E2E_PORT ?? 4179);

test.use({ allowedOrigins: [DATA_ORIGIN] });

let root: string;
let log: Served[];
let close: () => Promise<void>;

test.beforeAll(async () => {
	root = fs.mkdtempSync(path.join(os.tmpdir(), 'tm-remote-e2e-'));
	await writeHiveLayout(path.join(root, 'daten', 'hive'));
	const s = createDataServer(root, { allowOrigins: [`http://localhost:${APP_PORT}`, `http://127.0.0.1:${APP_PORT}`] });
	log = s.log;
	await new Promise<void>((ok, fail) => s.server.once('error', fail).listen(Number(new URL(DATA_ORIGIN).port), '127.0.0.1', ok));
	close = () => new Promise((ok) => s.server.close(() => ok()));
});

test.afterAll(async () => {
	await close?.();
	fs.rmSync(root, { recursive: true, force: true });
});

test('one jobcenter from a data server: the numbers of the report command filtered to it, fetched by ranges', async ({ page, requests }) => {
	const files = fs.readdirSync('data/demo').filter((f) => /\.(parquet|csv)$/.test(f)).map((f) => `data/demo/${f}`);
	const report = JSON.parse(
		execFileSync('node', ['--import', 'tsx', 'src/cli/report.ts', '--filter', 'jobcenter_id=JC01', ...files], { encoding: 'utf8' })
	);

	await page.goto('/');
	const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(csp, `build the app with TM_DATA_ORIGINS=${DATA_ORIGIN}`).toMatch(new RegExp(`connect-src [^;]*${DATA_ORIGIN.replace(/\./g, '\\.')}`));
	await ready(page);

	await page.getByTestId('remote-open').click();
	await page.getByTestId('remote-url').fill(`${DATA_ORIGIN}/daten/hive/`);
	await page.getByTestId('remote-url').press('Enter');
	const jobcenters = page.getByRole('group', { name: 'Teile nach jobcenter_id' });
	await expect(jobcenters.getByRole('checkbox')).toHaveCount(8);
	for (const jc of ['JC02', 'JC03', 'JC04', 'JC05', 'JC06', 'JC07', 'JC08']) await jobcenters.getByLabel(jc).uncheck();
	await expect(page.getByText('9 von 44 Dateien ausgewählt.')).toBeVisible();
	log.length = 0;
	await page.getByTestId('remote-load').click();
	await expect(page.getByTestId('demo-badge')).toHaveCount(0);
	await ready(page);

	for (const key of ['entries', 'exits', 'stock_end'])
		await expect(page.locator(`[data-indicator="flow.${key}"]`).first(), key).toHaveAttribute('data-value', String(report.flow[key]));
	expect(await value(page, 'integration_share.value')).toBe(String(report.integration_share.value));

	// Nothing of the other jobcenters travelled; every Parquet read was a range, answered with 206.
	const data = requests.filter((r) => r.url.startsWith(DATA_ORIGIN + '/'));
	expect(data.length).toBeGreaterThan(0);
	expect(data.filter((r) => /jobcenter_id=JC0[2-8]/.test(r.url))).toEqual([]);
	const parquet = log.filter((r) => r.path.endsWith('.parquet') && r.method === 'GET');
	expect(parquet.length).toBeGreaterThan(0);
	expect(parquet.filter((r) => r.range === null || r.status !== 206)).toEqual([]);
});
