import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Every e2e test records every request the page makes and fails if one leaves the origin
 * or carries a body: no data ever leaves the browser. A test of the data-server path names
 * that server in `allowedOrigins`; requests to it must still be bodiless GET or HEAD.
 */
export const test = base.extend<{ requests: { url: string; method: string; body: string | null }[]; allowedOrigins: string[] }>({
	allowedOrigins: [[], { option: true }],
	requests: [
		async ({ page, baseURL, allowedOrigins }, use) => {
			const seen: { url: string; method: string; body: string | null }[] = [];
			page.on('request', (r) => seen.push({ url: r.url(), method: r.method(), body: r.postData() }));
			await use(seen);
			const origins = [new URL(baseURL!).origin, ...allowedOrigins];
			const foreign = seen.filter((r) => !origins.some((o) => r.url.startsWith(o + '/')) && !/^(blob|data):/.test(r.url));
			const withBody = seen.filter((r) => r.body !== null || !['GET', 'HEAD'].includes(r.method));
			expect(foreign, 'requests that left the origin').toEqual([]);
			expect(withBody, 'requests that carried a body').toEqual([]);
		},
		{ auto: true }
	]
});
export { expect };

export const FIXTURES = path.resolve('tests/fixtures');

export function fixture(...p: string[]): { name: string; mimeType: string; buffer: Buffer } {
	const file = path.join(FIXTURES, ...p);
	return { name: path.basename(file), mimeType: 'text/csv', buffer: fs.readFileSync(file) };
}

/** Waits until the dashboard has computed its report for the current state. */
export async function ready(page: Page): Promise<void> {
	await expect(page.getByTestId('status')).toHaveAttribute('data-status', 'ready');
}

export async function value(page: Page, key: string): Promise<string | null> {
	return page.locator(`[data-indicator="${key}"]`).first().getAttribute('data-value');
}

export async function upload(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
	await page.getByTestId('file-input').setInputFiles(files);
	await expect(page.getByTestId('demo-badge')).toHaveCount(0);
	await ready(page);
}

export { demoReport } from './demo-report';
