// The e2e tests use Debian's Chromium at /usr/bin/chromium. Install it with apt when it is
// missing (as root); Playwright's own browser download cannot work on these machines.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { CHROMIUM_PATH } from './chromium.mjs';

export function ensureChromium() {
	const path = CHROMIUM_PATH;
	if (fs.existsSync(path)) return path;
	if (process.getuid?.() !== 0) {
		console.error(`Chromium fehlt (${path}). Bitte installieren: sudo apt-get install -y chromium`);
		process.exit(1);
	}
	console.log('Installing Debian chromium (apt-get install -y chromium) …');
	execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
	return path;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
