import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// DuckDB-WASM's bundles are served from our own origin as plain assets.
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	worker: { format: 'es' },
	build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
	server: { fs: { allow: ['data'] } },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		// The report command's tests start several processes of about 20 s together on this
		// machine; a busy CI host has run the end-to-end tests 2.3 times slower than that.
		testTimeout: 180_000,
		hookTimeout: 180_000,
		pool: 'forks'
	}
});
