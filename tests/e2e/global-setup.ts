import fs from 'node:fs';
import { REPORT_CACHE, demoReport } from './demo-report';

/**
 * Before any browser starts: forget the report answers of an earlier run (the demo data or
 * the code may have changed since), and compute the one most tests compare with while the
 * machine's cores are still free.
 */
export default function globalSetup(): void {
	fs.rmSync(REPORT_CACHE, { recursive: true, force: true });
	demoReport();
}
