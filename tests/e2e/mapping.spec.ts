import { test, expect, ready, upload, value } from './fixtures';

const csv = 'Kennung;Stelle;Start;Stop;Ergebnis\nX1;JC Ost;2023-01-10;2023-05-01;Arbeitsaufnahme\nX2;JC Ost;2023-02-10;;\n';
const file = { name: 'system-export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };

test('unknown headers are mapped in the dialog, and the saved mapping is applied next time', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await upload(page, [file]);
	const dialog = page.getByRole('dialog');
	await expect(dialog).toBeVisible();
	await dialog.locator('select[data-source="Kennung"]').selectOption('case_id');
	await dialog.locator('select[data-source="Stelle"]').selectOption('jobcenter_id');
	await dialog.locator('select[data-source="Start"]').selectOption('entry_date');
	await dialog.locator('select[data-source="Stop"]').selectOption('exit_date');
	await dialog.locator('select[data-source="Ergebnis"]').selectOption('exit_reason');
	await dialog.getByTestId('confirm-mapping').click();
	await ready(page);
	expect(await value(page, 'load.files.system-export.csv.accepted')).toBe('2');

	await page.reload();
	await ready(page);
	await upload(page, [file]);
	await expect(page.getByRole('dialog')).toBeHidden();
	expect(await value(page, 'load.files.system-export.csv.accepted')).toBe('2');
});
