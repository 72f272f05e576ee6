// The servers the browser may fetch data from (Hive-partitioned Parquet by URL), set at
// build time: TM_DATA_ORIGINS="http://127.0.0.1:9000 https://daten.jobcenter.intern".
// They are added to the CSP's connect-src only; default is none (the app's own origin only).
// An origin is scheme, host and port, nothing else: a path, a wildcard or a typo stops the
// build instead of quietly opening the policy wider than meant.

/** @param {string | undefined} value @returns {string[]} */
export function dataOrigins(value = process.env.TM_DATA_ORIGINS) {
	const list = (value ?? '').split(/[\s,]+/).filter(Boolean);
	return list.map((entry) => {
		let url;
		try {
			url = new URL(entry);
		} catch {
			throw new Error(`TM_DATA_ORIGINS: "${entry}" is not an origin like http://127.0.0.1:9000`);
		}
		if (!['http:', 'https:'].includes(url.protocol) || url.origin !== entry.replace(/\/$/, '') || entry.includes('*'))
			throw new Error(`TM_DATA_ORIGINS: "${entry}" must be exactly scheme://host[:port], e.g. http://127.0.0.1:9000`);
		return url.origin;
	});
}
