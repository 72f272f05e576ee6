import { test, expect, fixture, ready, upload } from './fixtures';

for (const timezoneId of ['Europe/Berlin', 'America/Los_Angeles']) {
	test.describe(`time zone ${timezoneId}`, () => {
		test.use({ timezoneId });
		test('dates stay calendar dates', async ({ page }) => {
			await page.goto('/');
			await ready(page);
			await upload(page, [fixture('dialects', 'excel_de_cp1252.csv')]);
			await expect(page.getByTestId('stichtag')).toContainText('30.06.2023');
			await expect(page.getByTestId('period')).toHaveText('Zeitraum 01.07.2022 bis 30.06.2023');
			await expect(page.getByTestId('period-to')).toHaveValue('2023-06-30');
		});
	});
}

test('German by default with de-DE formats, English on request', async ({ page }) => {
	await page.goto('/?k=1');
	await ready(page);
	await upload(page, [fixture('dialects', 'plain_utf8_comma.csv')]);
	const share = page.locator('[data-indicator="integration_share.value"]');
	await expect(share).toHaveText('28,6 %');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Übersicht');
	await page.getByTestId('lang-switch').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overview');
	await expect(share).toHaveText('28.6%');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByTestId('k-warning')).toBeVisible();
});
