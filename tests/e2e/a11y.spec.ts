import AxeBuilder from '@axe-core/playwright';
import { test, expect, ready } from './fixtures';

for (const route of ['/', '/verlaeufe/', '/regionen/', '/kohorten/', '/praesentation/']) {
	test(`axe-core finds no serious or critical violation on ${route}`, async ({ page }) => {
		await page.goto(route);
		await ready(page);
		const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	});
}

test('the file input and the views are reachable by keyboard', async ({ page }) => {
	await page.goto('/');
	await ready(page);
	await page.keyboard.press('Tab');
	await expect(page.locator('a.skip')).toBeFocused();
	const input = page.getByTestId('file-input');
	await input.focus();
	await expect(input).toBeFocused();
});
