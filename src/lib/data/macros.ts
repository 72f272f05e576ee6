/**
 * SQL macros that parse the values real exports contain. All raw values are staged as
 * VARCHAR and parsed here, in one vectorised pass, so that a million rows validate fast and
 * no value is ever pasted into SQL text. Every parse yields NULL on failure; the validator
 * compares parsed and raw values to tell "empty" from "unreadable".
 */
export const MACROS_SQL = `
CREATE OR REPLACE MACRO tm_blank(v) AS nullif(trim(v), '');

-- Calendar dates: YYYY-MM-DD (also with a time part), DD.MM.YYYY and DD.MM.YY.
-- Two-digit years 00–68 are 20xx, 69–99 are 19xx (the POSIX rule).
-- Fast path first: exactly YYYY-MM-DD is what TRY_CAST reads, with the same result as the
-- make_date branch below (checked for every YYYY-MM-DD with months 00–13 and days 00–32).
-- The GLOB is the regular expression \\d{4}-\\d{2}-\\d{2} (RE2's \\d is ASCII 0–9), without
-- the regular-expression engine: about half the time per value.
CREATE OR REPLACE MACRO tm_date(v) AS (
  CASE
    WHEN v GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' THEN TRY_CAST(v AS DATE)
    WHEN regexp_full_match(trim(v), '\\d{4}-\\d{1,2}-\\d{1,2}([T ].*)?') THEN TRY(make_date(
      CAST(regexp_extract(trim(v), '^(\\d{4})-(\\d{1,2})-(\\d{1,2})', 1) AS INTEGER),
      CAST(regexp_extract(trim(v), '^(\\d{4})-(\\d{1,2})-(\\d{1,2})', 2) AS INTEGER),
      CAST(regexp_extract(trim(v), '^(\\d{4})-(\\d{1,2})-(\\d{1,2})', 3) AS INTEGER)))
    WHEN regexp_full_match(trim(v), '\\d{1,2}\\.\\d{1,2}\\.\\d{4}( .*)?') THEN TRY(make_date(
      CAST(regexp_extract(trim(v), '^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})', 3) AS INTEGER),
      CAST(regexp_extract(trim(v), '^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})', 2) AS INTEGER),
      CAST(regexp_extract(trim(v), '^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})', 1) AS INTEGER)))
    WHEN regexp_full_match(trim(v), '\\d{1,2}\\.\\d{1,2}\\.\\d{2}') THEN TRY(make_date(
      CAST(regexp_extract(trim(v), '(\\d{2})$', 1) AS INTEGER)
        + CASE WHEN CAST(regexp_extract(trim(v), '(\\d{2})$', 1) AS INTEGER) < 69 THEN 2000 ELSE 1900 END,
      CAST(regexp_extract(trim(v), '^(\\d{1,2})\\.(\\d{1,2})\\.', 2) AS INTEGER),
      CAST(regexp_extract(trim(v), '^(\\d{1,2})\\.(\\d{1,2})\\.', 1) AS INTEGER)))
    ELSE NULL
  END);

-- Months: YYYY-MM, YYYY-MM-DD, MM.YYYY, MM/YYYY, YYYYMM → first day of the month.
CREATE OR REPLACE MACRO tm_month(v) AS (
  CASE
    WHEN regexp_full_match(trim(v), '\\d{4}-\\d{1,2}(-\\d{1,2})?') THEN TRY(make_date(
      CAST(regexp_extract(trim(v), '^(\\d{4})-(\\d{1,2})', 1) AS INTEGER),
      CAST(regexp_extract(trim(v), '^(\\d{4})-(\\d{1,2})', 2) AS INTEGER), 1))
    WHEN regexp_full_match(trim(v), '\\d{1,2}[./]\\d{4}') THEN TRY(make_date(
      CAST(regexp_extract(trim(v), '(\\d{4})$', 1) AS INTEGER),
      CAST(regexp_extract(trim(v), '^(\\d{1,2})', 1) AS INTEGER), 1))
    WHEN regexp_full_match(trim(v), '\\d{6}') THEN TRY(make_date(
      CAST(substr(trim(v), 1, 4) AS INTEGER), CAST(substr(trim(v), 5, 2) AS INTEGER), 1))
    ELSE tm_date(v)
  END);

-- Numbers. German files (';' or tab separated) write 1.234,5; others 1234.5.
-- Fast path first: without '.' or ',' neither pattern below can match, so the value is
-- what the last branch gives.
CREATE OR REPLACE MACRO tm_num(v, german) AS (
  CASE
    WHEN NOT contains(v, ',') AND NOT contains(v, '.') THEN TRY_CAST(trim(v) AS DOUBLE)
    WHEN german AND regexp_full_match(trim(v), '-?\\d{1,3}(\\.\\d{3})+(,\\d+)?')
      THEN TRY_CAST(replace(replace(trim(v), '.', ''), ',', '.') AS DOUBLE)
    WHEN regexp_full_match(trim(v), '-?\\d+,\\d+') THEN TRY_CAST(replace(trim(v), ',', '.') AS DOUBLE)
    ELSE TRY_CAST(trim(v) AS DOUBLE)
  END);

-- Whole numbers ≥ 0 (counts); anything else is NULL.
CREATE OR REPLACE MACRO tm_count(v) AS (
  CASE WHEN tm_num(v, true) >= 0 AND tm_num(v, true) = floor(tm_num(v, true))
    THEN CAST(tm_num(v, true) AS INTEGER) ELSE NULL END);

-- The 4-point scale: 1, 2, 3 or 4 (also "2,0"); anything else is NULL. Fast path first: the
-- four plain digits, which the general branch reads as the same numbers.
CREATE OR REPLACE MACRO tm_score(v) AS (
  CASE WHEN v IN ('1', '2', '3', '4') THEN CAST(v AS TINYINT)
    WHEN tm_num(v, true) IN (1, 2, 3, 4) THEN CAST(tm_num(v, true) AS TINYINT) ELSE NULL END);

-- Booleans: ja/nein, j/n, true/false, 1/0, x/empty (DATA.md). Empty is false; an
-- unreadable value is NULL so the validator can report it.
CREATE OR REPLACE MACRO tm_bool(v) AS (
  CASE
    WHEN v IS NULL OR trim(v) = '' THEN false
    WHEN lower(trim(v)) IN ('ja', 'j', 'true', 'wahr', '1', 'x', 'yes', 'y', 't') THEN true
    WHEN lower(trim(v)) IN ('nein', 'n', 'false', 'falsch', '0', 'no', 'f', '-') THEN false
    ELSE NULL
  END);
`;
