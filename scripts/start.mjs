// `npm start`: build the static app (with the embedded demo data) and serve it locally.
import { spawnSync } from 'node:child_process';
import { createServer } from './serve.mjs';

const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const port = Number(process.env.PORT ?? 4173);
createServer('build').listen(port, '127.0.0.1', () => {
	console.log(`\nTeilhabe-Monitor läuft: http://localhost:${port}/  (Beenden mit Strg+C)`);
});
