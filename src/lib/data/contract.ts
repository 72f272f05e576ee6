/**
 * The data contract of DATA.md as data: tables, canonical columns, their aliases and the
 * valid codes. The loader, the mapping dialog and the docs all read from here.
 */

export type ColumnType = 'text' | 'date' | 'code' | 'codes' | 'int' | 'score' | 'bool' | 'month' | 'number';

export interface ColumnSpec {
	name: string;
	type: ColumnType;
	required?: boolean;
	aliases: string[];
}

export type TableName = 'cases' | 'measures' | 'milestones' | 'stock' | 'jobcenters' | 'meta';

export interface TableSpec {
	name: TableName;
	/** Words in a file name that hint at this table (normalised). */
	fileHints: string[];
	columns: ColumnSpec[];
}

const col = (name: string, type: ColumnType, aliases: string[] = [], required = false): ColumnSpec => ({
	name,
	type,
	aliases,
	required
});

export const CASES: TableSpec = {
	name: 'cases',
	fileHints: ['cases', 'faelle', 'fall', 'fm'],
	columns: [
		col('case_id', 'text', ['fall_id', 'fallnummer', 'fall_nr', 'fall', 'fall_nummer', 'id'], true),
		col('person_id', 'text', ['person', 'pseudonym', 'personen_id']),
		col('jobcenter_id', 'text', ['jobcenter', 'jc', 'jc_id', 'traeger'], true),
		col('unit', 'text', ['regionalstelle', 'standort', 'geschaeftsstelle', 'team']),
		col('program', 'text', ['programm', 'angebot', 'modellvorhaben', 'projekt']),
		col('caseworker_id', 'text', ['fallmanager', 'fachkraft', 'ifk']),
		col('referral_date', 'date', ['zusteuerung', 'zusteuerungsdatum', 'zusteuerung_am', 'zugang_am']),
		col(
			'entry_date',
			'date',
			['eintritt', 'eintritt_am', 'eintrittsdatum', 'beginn', 'uebernahme', 'erstgespraech'],
			true
		),
		col('exit_date', 'date', ['austritt', 'austritt_am', 'austrittsdatum', 'ende', 'beendigung', 'beendet_am']),
		col('exit_reason', 'code', ['beendigungsgrund', 'abgangsgrund', 'grund']),
		col('referral_reasons', 'codes', ['zusteuerungsgruende', 'zugangsgruende']),
		col('age_group', 'code', ['altersgruppe']),
		col('age', 'int', ['alter']),
		col('gender', 'code', ['geschlecht']),
		col('profile', 'code', ['profillage', 'profil']),
		col('needs_count', 'int', ['handlungsbedarfe', 'anzahl_handlungsbedarfe']),
		col('appointments', 'int', ['termine', 'anzahl_termine', 'kontakte']),
		col('employability_entry', 'score', ['bf_eintritt', 'beschaeftigungsfaehigkeit_eintritt']),
		col('employability_exit', 'score', ['bf_austritt', 'beschaeftigungsfaehigkeit_austritt']),
		col('participation_entry', 'score', ['teilhabe_eintritt']),
		col('participation_exit', 'score', ['teilhabe_austritt']),
		col('extended', 'bool', ['verlaengerung', 'verlaengert'])
	]
};

export const MEASURES: TableSpec = {
	name: 'measures',
	fileHints: ['measures', 'massnahmen', 'massnahme', 'teilnahmen'],
	columns: [
		col('case_id', 'text', ['fall_id', 'fallnummer', 'fall_nr', 'fall'], true),
		col('measure', 'text', ['massnahme', 'angebot', 'instrument'], true),
		col('legal_basis', 'text', ['rechtsgrundlage', 'paragraph']),
		col('aims_employability', 'bool', ['ziel_beschaeftigungsfaehigkeit', 'ermoeglichung'], true),
		col('start_date', 'date', ['beginn', 'eintritt', 'eintritt_am'], true),
		col('end_date', 'date', ['ende', 'austritt', 'austritt_am']),
		col('employability_start', 'score', ['bf_beginn']),
		col('employability_end', 'score', ['bf_ende'])
	]
};

export const MILESTONES: TableSpec = {
	name: 'milestones',
	fileHints: ['milestones', 'meilensteine', 'meilenstein'],
	columns: [
		col('case_id', 'text', ['fall_id', 'fallnummer', 'fall_nr', 'fall'], true),
		col('milestone', 'code', ['meilenstein'], true),
		col('date', 'date', ['datum', 'erreicht_am'], true)
	]
};

export const STOCK: TableSpec = {
	name: 'stock',
	fileHints: ['stock', 'bestand', 'elb'],
	columns: [
		col('jobcenter_id', 'text', ['jobcenter', 'jc', 'jc_id', 'traeger'], true),
		col('month', 'month', ['monat'], true),
		col('elb_stock', 'number', ['elb', 'elb_bestand', 'bestand_elb'], true),
		col('fm_staff_fte', 'number', ['fm_vze', 'vze', 'personal_fm', 'fte'])
	]
};

export const JOBCENTERS: TableSpec = {
	name: 'jobcenters',
	fileHints: ['jobcenters', 'jobcenter', 'traeger'],
	columns: [
		col('jobcenter_id', 'text', ['jobcenter', 'jc', 'jc_id', 'traeger'], true),
		col('name', 'text', ['bezeichnung']),
		col('state', 'code', ['bundesland', 'land']),
		col('org_type', 'code', ['traegerform', 'organisationsform', 'form']),
		col('comparison_type', 'text', ['vergleichstyp', 'typ']),
		col('area_type', 'code', ['raumtyp', 'gebietstyp']),
		col('ags', 'text', ['kreisschluessel', 'gemeindeschluessel'])
	]
};

export const META: TableSpec = {
	name: 'meta',
	fileHints: ['meta', 'metadaten', 'stichtag'],
	columns: [col('key', 'text', ['schluessel', 'name'], true), col('value', 'text', ['wert'], true)]
};

/** Load order matters: jobcenters and meta first, cases before what refers to them. */
export const TABLES: TableSpec[] = [META, JOBCENTERS, CASES, MEASURES, MILESTONES, STOCK];

export const EXIT_REASONS = [
	'arbeit_ausbildung',
	'ruecksteuerung_vermittlung',
	'ruecksteuerung',
	'reha',
	'erwerbsunfaehigkeit',
	'ende_leistungsbezug',
	'sonstiges'
] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

export const REFERRAL_REASONS = ['psychisch', 'koerperlich', 'sucht', 'sozial', 'dauer_au'] as const;
export const AGE_GROUPS = ['u25', '25-34', '35-44', '45-54', '55+'] as const;
export const GENDERS = ['w', 'm', 'd', 'x'] as const;
export const PROFILES = [
	'marktprofil',
	'aktivierungsprofil',
	'foerderprofil',
	'entwicklungsprofil',
	'stabilisierungsprofil',
	'unterstuetzungsprofil'
] as const;
export const MILESTONE_CODES = [
	'regelmaessiger_kontakt',
	'leidenseinsicht',
	'diagnose',
	'aenderungswunsch',
	'anbindung_hilfesystem',
	'therapie_entgiftung',
	'stabilitaet_coping'
] as const;
export const STATES = [
	'BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH'
] as const;
export const ORG_TYPES = ['gE', 'zkT'] as const;
export const AREA_TYPES = ['grossstadt', 'staedtisch', 'laendlich'] as const;

/**
 * Column names that suggest direct identifiers. Such columns are never loaded and the user
 * is warned that the export is not anonymized (DATA.md, data minimisation).
 */
export const IDENTIFIER_PATTERNS: RegExp[] = [
	/^(vor|nach|familien|geburts)?name$/,
	/(^|_)(vorname|nachname|familienname|geburtsname)(_|$)/,
	/geburtsdatum|geburtstag|geb_datum|date_of_birth|birth_?date/,
	/anschrift|adresse|address|strasse|street|hausnummer|^plz$|postleitzahl/,
	/telefon|phone|handy|mobil(nummer)?$/,
	/e_?mail/,
	/kundennummer|kunden_nr|kd_nr/,
	/bg_?nummer|bg_nr|bedarfsgemeinschaft_nr/,
	/versicherungsnummer|sozialversicherung|sv_nr|rv_nr/,
	/iban|bic|kontonummer/,
	/^(first|last|full)_?name$/
];

/**
 * Normalises a header the way DATA.md says: case-insensitive, German umlauts transliterated
 * (`ü` → `ue`, `ß` → `ss`), other accents dropped, spaces, dots and hyphens read as `_`.
 */
export function normaliseHeader(header: string): string {
	return header
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9+]+/g, '_')
		.replace(/^_+|_+$/g, '');
}

export function isIdentifierLike(normalised: string): boolean {
	return IDENTIFIER_PATTERNS.some((p) => p.test(normalised));
}
