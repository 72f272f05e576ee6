import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against the built
 * static app, served by the same small server `npm start` uses.
 */
const PORT = Number(process.env.E2E_PORT ?? 4179);

export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	// Generous on purpose: on a busy 2-core host a page has been seen to need more than 30 s
	// to start DuckDB-WASM and load the demo (a CI run failed so). A wrong value still fails;
	// a waiting assertion only takes longer to say so.
	timeout: 180_000,
	expect: { timeout: 75_000 },
	fullyParallel: true,
	workers: 2,
	retries: 0,
	reporter: [['list'], ['json', { outputFile: 'test-reports/e2e.json' }]],
	webServer: {
		command: `node scripts/serve.mjs ${process.env.E2E_BUILD_DIR ?? 'build'}`,
		env: { PORT: String(PORT) },
		url: `http://localhost:${PORT}/`,
		reuseExistingServer: false,
		timeout: 30_000
	},
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'de-DE',
		timezoneId: 'Europe/Berlin',
		launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }
	},
	projects: [{ name: 'chromium' }]
});
