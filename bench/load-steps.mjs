// Which step of a load a logged statement belongs to: shared by the browser benchmark
// (bench/run-browser.mjs) and the Node profile (scripts/profile-load.ts), so both name the
// steps alike. Older step names (tm_parsed, `AS WITH p0`) classify results of earlier builds.

/** @param {string} sql @param {{ byTable?: boolean }} [opts] @returns {string} */
export function loadStep(sql, { byTable = false } = {}) {
	if (sql.startsWith('-- insertArrow')) return byTable ? 'stage: Arrow insert (' + sql.slice(15) + ')' : 'stage: Arrow insert';
	if (/CREATE OR REPLACE TEMP TABLE tm_parsed/.test(sql)) return 'validate: parse values';
	if (/CREATE OR REPLACE TEMP TABLE tm_checked AS WITH p0/.test(sql)) return 'validate: rules + duplicates';
	// Since the one-pass validator: parse and rules in one statement, duplicates and unknown cases as updates.
	if (/CREATE OR REPLACE TEMP TABLE tm_checked/.test(sql)) return 'validate: parse + rules (one pass)';
	if (/^UPDATE tm_checked/.test(sql)) return 'validate: duplicates, unknown case ids';
	if (/^INSERT INTO \w+ SELECT/.test(sql) && /tm_checked WHERE _reason IS NULL/.test(sql)) return 'validate: insert typed';
	if (/INSERT INTO case_referrals/.test(sql)) return 'validate: referral reasons';
	if (/INSERT INTO rejected_rows/.test(sql)) return 'validate: rejected rows';
	if (/read_csv/.test(sql)) return 'stage: CSV read';
	if (/FROM tm_checked/.test(sql)) return 'validate: ledger and warnings';
	if (/tm_map|SELECT DISTINCT/.test(sql)) return 'distinct values (code maps, filter options)';
	return 'other';
}
