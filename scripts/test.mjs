// `npm test`: unit tests (Vitest, real DuckDB-WASM in Node), a production build, then the
// end-to-end tests in Debian's Chromium. Ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const run = (cmd, args, env = process.env) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;
fs.mkdirSync('test-reports', { recursive: true });

ensureChromium();
run('npx', ['svelte-kit', 'sync']);
const unit = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-reports/unit.json']);
// The test build allow-lists the loopback data server of tests/e2e/remote.spec.ts (and nothing
// else); `npm start` and `npm run build` allow-list only what TM_DATA_ORIGINS says.
const dataPort = process.env.E2E_DATA_PORT ?? '4199';
const build = run('npx', ['vite', 'build', '--logLevel', 'warn'], { ...process.env, TM_DATA_ORIGINS: `http://127.0.0.1:${dataPort}` });
const e2e = build === 0 ? run('npx', ['playwright', 'test']) : 1;

let passed = 0;
let failed = 0;
try {
	const u = JSON.parse(fs.readFileSync('test-reports/unit.json', 'utf8'));
	passed += u.numPassedTests;
	failed += u.numFailedTests;
	console.log(`unit: ${u.numPassedTests} passed, ${u.numFailedTests} failed`);
} catch {
	failed += 1;
}
try {
	const e = JSON.parse(fs.readFileSync('test-reports/e2e.json', 'utf8'));
	const ok = e.stats.expected;
	const bad = e.stats.unexpected + (e.stats.flaky ?? 0);
	passed += ok;
	failed += bad;
	console.log(`e2e: ${ok} passed, ${bad} failed`);
} catch {
	failed += 1;
}
if (build !== 0) console.log('build failed');
console.log(`${passed} passed, ${failed} failed`);
process.exit(unit === 0 && build === 0 && e2e === 0 && failed === 0 ? 0 : 1);
