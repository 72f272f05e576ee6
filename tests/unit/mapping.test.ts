/**
 * Column and table recognition (DATA.md "Files and formats"), saved mappings, the refusal
 * of identifier columns (data minimisation) and the exit-reason labels of the seeds.
 */
import { describe, expect, it } from 'vitest';
import { normaliseHeader } from '../../src/lib/data/contract';
import { mapExitReason, mapReferralReason } from '../../src/lib/data/codes';
import { finish, propose, signatureOf, type SavedMapping } from '../../src/lib/data/mapping';
import { file, load, useEngine } from './helpers';

const engine = useEngine();

describe('header normalisation', () => {
	it.each([
		['Fall-Nr.', 'fall_nr'],
		['Eintritt am', 'eintritt_am'],
		['Zusteuerungsgründe', 'zusteuerungsgruende'],
		['\uFEFFAustritt  am ', 'austritt_am'],
		['STRASSE', 'strasse'],
		['Straße', 'strasse'],
		['Beschäftigungsfähigkeit (Eintritt)', 'beschaeftigungsfaehigkeit_eintritt'],
		['Café', 'cafe'],
		['55+', '55+']
	])('%s → %s', (header, normalised) => {
		expect(normaliseHeader(header)).toBe(normalised);
	});
});

describe('aliases and table recognition', () => {
	it('maps the German Excel export to cases column by column', () => {
		const headers = 'Fall-Nr.;Jobcenter;Regionalstelle;Eintritt am;Austritt am;Beendigungsgrund;Zusteuerungsgründe;Altersgruppe;Geschlecht;BF Eintritt;BF Austritt'.split(';');
		const p = propose(headers, 'export.csv');
		expect(p.table).toBe('cases');
		expect(p.complete).toBe(true);
		expect(p.mapping).toEqual({
			'Fall-Nr.': 'case_id',
			Jobcenter: 'jobcenter_id',
			Regionalstelle: 'unit',
			'Eintritt am': 'entry_date',
			'Austritt am': 'exit_date',
			Beendigungsgrund: 'exit_reason',
			'Zusteuerungsgründe': 'referral_reasons',
			Altersgruppe: 'age_group',
			Geschlecht: 'gender',
			'BF Eintritt': 'employability_entry',
			'BF Austritt': 'employability_exit'
		});
		expect([p.ignored, p.refused, p.missingRequired]).toEqual([[], [], []]);
	});

	it.each([
		['cases', ['FALLNUMMER', 'JC-ID', 'Übernahme', 'Beendet am', 'Grund', 'Profillage', 'Termine', 'Verlängert'], { FALLNUMMER: 'case_id', 'JC-ID': 'jobcenter_id', 'Übernahme': 'entry_date', 'Beendet am': 'exit_date', Grund: 'exit_reason', Profillage: 'profile', Termine: 'appointments', 'Verlängert': 'extended' }],
		['measures', ['Fall', 'Maßnahme', 'Rechtsgrundlage', 'Ermöglichung', 'Beginn', 'Ende', 'BF Beginn', 'BF Ende'], { Fall: 'case_id', 'Maßnahme': 'measure', Rechtsgrundlage: 'legal_basis', 'Ermöglichung': 'aims_employability', Beginn: 'start_date', Ende: 'end_date', 'BF Beginn': 'employability_start', 'BF Ende': 'employability_end' }],
		['milestones', ['Fall_ID', 'Meilenstein', 'Erreicht am'], { Fall_ID: 'case_id', Meilenstein: 'milestone', 'Erreicht am': 'date' }],
		['stock', ['Träger', 'Monat', 'eLb-Bestand', 'FM VZE'], { 'Träger': 'jobcenter_id', Monat: 'month', 'eLb-Bestand': 'elb_stock', 'FM VZE': 'fm_staff_fte' }],
		['jobcenters', ['JC', 'Bezeichnung', 'Bundesland', 'Trägerform', 'Vergleichstyp', 'Raumtyp', 'Kreisschlüssel'], { JC: 'jobcenter_id', Bezeichnung: 'name', Bundesland: 'state', 'Trägerform': 'org_type', Vergleichstyp: 'comparison_type', Raumtyp: 'area_type', 'Kreisschlüssel': 'ags' }],
		['meta', ['Schlüssel', 'Wert'], { 'Schlüssel': 'key', Wert: 'value' }]
	] as const)('recognises %s from its columns', (table, headers, mapping) => {
		const p = propose([...headers], 'export.csv');
		expect(p.table).toBe(table);
		expect(p.complete).toBe(true);
		expect(p.mapping).toEqual(mapping);
	});

	it('prefers the canonical name over an alias (`grund` cannot steal exit_reason)', () => {
		const p = propose(['case_id', 'jobcenter_id', 'entry_date', 'grund', 'exit_reason'], 'x.csv');
		expect(p.mapping.exit_reason).toBe('exit_reason');
		expect(p.mapping.grund).toBeUndefined();
		expect(p.ignored).toEqual(['grund']);
	});

	it('lets the file name decide between equally good tables', () => {
		const headers = ['Fall', 'Datum', 'Beginn'];
		expect(propose(headers, 'Meilensteine_2023.csv').table).toBe('milestones');
		expect(propose(headers, 'faelle-2023.csv').table).toBe('cases');
		const p = propose(headers, 'meilensteine.csv');
		expect(p.complete).toBe(false);
		expect(p.missingRequired).toEqual(['milestone']);
	});

	it('proposes an incomplete table only when most of its required columns are there', () => {
		const partial = propose(['Fall-Nr.', 'Eintritt am', 'Austritt am'], 'export.csv');
		expect([partial.table, partial.complete, partial.missingRequired]).toEqual(['cases', false, ['jobcenter_id']]);
		// One required column of four (measures) or three (cases) is not enough.
		expect(propose(['id', 'bool_col', 'tinyint_col'], 'alltypes.parquet').table).toBeNull();
		expect(propose(['Fall', 'Maßnahme', 'Notiz'], 'export.csv').table).toBeNull();
	});

	it('recognises no table when no column matches', () => {
		const p = propose(['foo', 'bar'], 'cases.csv');
		expect(p.table).toBeNull();
		expect(p.complete).toBe(false);
		expect(p.ignored).toEqual(['foo', 'bar']);
	});
});

describe('saved mappings', () => {
	const headers = ['Kennung', 'Start', 'Bezirk', 'Notiz'];
	const saved: SavedMapping[] = [
		{ signature: signatureOf(headers), table: 'cases', mapping: { Kennung: 'case_id', Start: 'entry_date', Bezirk: 'jobcenter_id' } }
	];

	it('is applied when the same headers come again', () => {
		expect(propose(headers, 'export.csv').complete).toBe(false);
		const again = propose(headers, 'export_2024.csv', saved);
		expect(again).toMatchObject({ fromSaved: true, table: 'cases', complete: true, ignored: ['Notiz'] });
		expect(again.mapping).toEqual(saved[0].mapping);
	});

	it('is applied to the same headers in another order and spelling', () => {
		const other = ['NOTIZ', 'bezirk', 'Kennung', 'START'];
		expect(signatureOf(other)).toBe(signatureOf(headers));
		const p = propose(other, 'export.csv', saved);
		expect(p).toMatchObject({ fromSaved: true, table: 'cases', complete: true, ignored: ['NOTIZ'] });
		expect(p.mapping).toEqual({ bezirk: 'jobcenter_id', Kennung: 'case_id', START: 'entry_date' });
	});

	it('is not applied when the headers differ', () => {
		const p = propose([...headers, 'Extra'], 'export.csv', saved);
		expect(p.fromSaved).toBe(false);
		expect(p.complete).toBe(false);
	});

	it('loads the next export with the saved mapping', async () => {
		const ds = await load(engine(), [file('export.csv', 'Kennung;Start;Bezirk;Notiz\nK1;01.02.2023;Nord;frei\nK2;02.02.2023;Süd;')], { saved });
		expect(ds.load.files[0]).toMatchObject({ table: 'cases', rows: 2, accepted: 2, rejected: 0, ignored_columns: ['Notiz'] });
		expect(await engine().query('SELECT case_id, jobcenter_id FROM cases ORDER BY 1')).toEqual([
			{ case_id: 'K1', jobcenter_id: 'Nord' },
			{ case_id: 'K2', jobcenter_id: 'Süd' }
		]);
	});
});

describe('identifier columns', () => {
	const IDS = ['Name', 'Vorname', 'Nachname', 'Geburtsdatum', 'Straße', 'Telefon', 'E-Mail', 'Kundennummer', 'BG-Nummer', 'Versicherungsnummer', 'IBAN'];

	it('refuses them in a cases file and never loads them into any table', async () => {
		const header = ['Fall-Nr.', 'Jobcenter', 'Eintritt am', ...IDS].join(';');
		const row = (id: string, entry: string) => [id, 'JC1', entry, 'Müller', 'Erika', 'Mustermann', '01.01.1970', 'Hauptstr. 1', '0201 123', 'e@x.de', '123D456', '12345BG', '12 010170 M 123', 'DE02120300000000202051'].join(';');
		const ds = await load(engine(), [file('faelle.csv', `${header}\n${row('A1', '2023-01-01')}\n${row('A2', 'kaputt')}`)]);
		const r = ds.load.files[0];
		expect(r.refused_columns).toEqual(IDS);
		expect(r.ignored_columns).toEqual([]);
		expect([r.accepted, r.rejected]).toEqual([1, 1]);

		const cols = (await engine().query<{ column_name: string }>('DESCRIBE cases')).map((c) => c.column_name);
		expect(cols).toContain('case_id');
		// Every table of every database (a load's tables have an uncompressed twin until they are compressed).
		const everywhere = await engine().query<{ table_catalog: string; table_schema: string; table_name: string; column_name: string; data_type: string }>(
			'SELECT table_catalog, table_schema, table_name, column_name, data_type FROM information_schema.columns'
		);
		const refused = new Set([...IDS, ...IDS.map(normaliseHeader)].map((c) => c.toLowerCase()));
		const idColumns = everywhere.filter((c) => refused.has(c.column_name.toLowerCase()));
		// Only the jobcenter's own name (an empty table here) has such a column.
		expect([...new Set(idColumns.map((c) => `${c.table_name}.${c.column_name}`))]).toEqual(['jobcenters.name']);
		expect(ds.tables.jobcenters).toBe(0);
		// No identifier value is stored anywhere, in any text column of any table.
		for (const c of everywhere.filter((c) => c.data_type === 'VARCHAR')) {
			const [{ n }] = await engine().query<{ n: number }>(
				`SELECT count(*)::INTEGER AS n FROM "${c.table_catalog}"."${c.table_schema}"."${c.table_name}" WHERE "${c.column_name}" IN ('Müller', 'Erika', 'Mustermann', '01.01.1970', 'e@x.de', 'DE02120300000000202051')`
			);
			expect(n, `${c.table_catalog}.${c.table_name}.${c.column_name}`).toBe(0);
		}
		// Not even the download of rejected rows carries an identifier's value.
		const raws = await engine().query<{ raw: string }>('SELECT raw FROM rejected_rows');
		expect(raws).toHaveLength(1);
		expect(raws[0].raw).not.toMatch(/Müller|Erika|DE02|Hauptstr/);
	});

	it('refuses an identifier even when mapped by hand', () => {
		const p = finish(['Fall', 'Jobcenter', 'Eintritt', 'Vorname'], 'cases', { Fall: 'case_id', Jobcenter: 'jobcenter_id', Eintritt: 'entry_date', Vorname: 'unit' }, false);
		expect(p.mapping).toEqual({ Fall: 'case_id', Jobcenter: 'jobcenter_id', Eintritt: 'entry_date' });
		expect(p.refused).toEqual(['Vorname']);
	});

	it('loads `name` of a jobcenters file, which is the jobcenter’s name', async () => {
		const ds = await load(engine(), [file('jobcenters.csv', 'jobcenter_id;name;state\nJC1;Jobcenter EN-Kreis;NW')]);
		expect(ds.load.files[0]).toMatchObject({ table: 'jobcenters', accepted: 1, refused_columns: [] });
		expect(await engine().query('SELECT jobcenter_id, name, state FROM jobcenters')).toEqual([
			{ jobcenter_id: 'JC1', name: 'Jobcenter EN-Kreis', state: 'NW' }
		]);
	});
});

describe('exit-reason labels', () => {
	it.each([
		['Arbeitsaufnahme/ Ausbildung', 'arbeit_ausbildung'],
		['Arbeitsaufnahme / Ausbildung', 'arbeit_ausbildung'],
		['Arbeitsaufnahme (Umfang nicht näher beziffert)', 'arbeit_ausbildung'],
		['Erwerbsunfähigkeit (EU)', 'erwerbsunfaehigkeit'],
		['EU', 'erwerbsunfaehigkeit'],
		['Rücksteuerung „zurückgestellt“', 'ruecksteuerung'],
		['Rücksteuerung (zurückgestellt)', 'ruecksteuerung'],
		['Rücksteuerung Vermittlung', 'ruecksteuerung_vermittlung'],
		['Ende SGB II-Bezug (Umzug, Tod, Heirat usw.)', 'ende_leistungsbezug'],
		['Ende SGB-II-Bezug', 'ende_leistungsbezug'],
		['Reha-Maßnahme läuft', 'reha'],
		['Reha', 'reha'],
		['Sonstiges', 'sonstiges'],
		['Zuständigkeitswechsel (SGB XII)', 'sonstiges'],
		['Arbeitsbündnis nicht tragfähig', 'sonstiges'],
		['arbeit_ausbildung', 'arbeit_ausbildung']
	])('%s → %s', (label, code) => {
		expect(mapExitReason(label)).toBe(code);
	});

	it.each(['', '   ', 'Mondfahrt', 'unbekannt'])('%j matches no code', (label) => {
		expect(mapExitReason(label)).toBeNull();
	});

	it.each([
		['psychische Erkrankung/Störung', 'psychisch'],
		['körperliche Erkrankung', 'koerperlich'],
		['Suchterkrankung', 'sucht'],
		['soziale Auffälligkeit/Verweigerung', 'sozial'],
		['Dauer-Arbeitsunfähigkeit/Klinikaufenthalte', 'dauer_au']
	])('referral reason %s → %s', (label, code) => {
		expect(mapReferralReason(label)).toBe(code);
	});
});
