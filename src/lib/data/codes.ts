/**
 * Maps the labels real exports use to the contract's codes, by key words rather than exact
 * strings (DATA.md): `Rücksteuerung „zurückgestellt“`, `Erwerbsunfähigkeit (EU)`,
 * `Ende SGB II-Bezug (Umzug, Tod, Heirat usw.)` all find their code. `null` means "no code
 * matched": the loader reports it and, for exit reasons, counts the row as `sonstiges`.
 */
import {
	AGE_GROUPS,
	AREA_TYPES,
	EXIT_REASONS,
	GENDERS,
	MILESTONE_CODES,
	ORG_TYPES,
	PROFILES,
	REFERRAL_REASONS,
	STATES,
	normaliseHeader,
	type ExitReason
} from './contract';

const norm = (s: string) => normaliseHeader(s);
const has = (s: string, ...words: string[]) => words.some((w) => s.includes(w));
const tokens = (s: string) => new Set(s.split('_').filter(Boolean));

export function mapExitReason(label: string): ExitReason | null {
	const s = norm(label);
	if (!s) return null;
	if ((EXIT_REASONS as readonly string[]).includes(s)) return s as ExitReason;
	const t = tokens(s);
	if (has(s, 'rueck') && has(s, 'vermittl')) return 'ruecksteuerung_vermittlung';
	if (has(s, 'reha')) return 'reha';
	if (has(s, 'erwerbsunfaeh', 'erwerbsminder') || t.has('eu')) return 'erwerbsunfaehigkeit';
	if (has(s, 'rueck', 'zurueckgestellt')) return 'ruecksteuerung';
	if (has(s, 'arbeitsaufnahme', 'ausbildung', 'integration', 'beschaeftigungsaufnahme') || t.has('arbeit'))
		return 'arbeit_ausbildung';
	if (
		(has(s, 'ende', 'wegfall') && has(s, 'sgb', 'leistung', 'bezug', 'hilfebezug')) ||
		has(s, 'umzug', 'verzug', 'heirat', 'haft', 'verzicht', 'leistungsbezug') ||
		t.has('tod')
	)
		return 'ende_leistungsbezug';
	if (has(s, 'sonstig', 'zustaendigkeit', 'sgb_xii', 'arbeitsbuendnis', 'andere')) return 'sonstiges';
	return null;
}

export function mapReferralReason(label: string): (typeof REFERRAL_REASONS)[number] | null {
	const s = norm(label);
	if (!s) return null;
	if ((REFERRAL_REASONS as readonly string[]).includes(s)) return s as (typeof REFERRAL_REASONS)[number];
	if (has(s, 'psych')) return 'psychisch';
	if (has(s, 'sucht', 'alkohol', 'drogen', 'abhaengig')) return 'sucht';
	if (has(s, 'dauer_au', 'arbeitsunfaeh', 'klinik')) return 'dauer_au';
	if (has(s, 'koerper', 'somat', 'physisch')) return 'koerperlich';
	if (has(s, 'sozial', 'verweiger', 'auffaellig')) return 'sozial';
	return null;
}

export function mapGender(label: string): (typeof GENDERS)[number] | null {
	const s = norm(label);
	if (['w', 'weiblich', 'f', 'female', 'frau'].includes(s)) return 'w';
	if (['m', 'maennlich', 'male', 'mann'].includes(s)) return 'm';
	if (['d', 'divers', 'diverse'].includes(s)) return 'd';
	if (['x', 'ohne_angabe', 'keine_angabe', 'unbekannt'].includes(s)) return 'x';
	return null;
}

export function mapAgeGroup(label: string): (typeof AGE_GROUPS)[number] | null {
	const s = label.trim().toLowerCase().replace(/\s+/g, ' ');
	if ((AGE_GROUPS as readonly string[]).includes(s)) return s as (typeof AGE_GROUPS)[number];
	if (/^(u ?25|unter 25|< ?25|bis 24|1[5-8] ?[-–] ?24)$/.test(s)) return 'u25';
	if (/^(55 ?\+|ab 55|55 und (ä|ae)lter|>= ?55|55 ?[-–] ?(6\d|99))$/.test(s)) return '55+';
	const m = /^(\d{2}) ?[-–] ?(\d{2})$/.exec(s);
	if (m) {
		const lo = Number(m[1]);
		return ageGroupOf(lo);
	}
	return null;
}

/** Bands whole years of age at entry into the contract's age groups. */
export function ageGroupOf(age: number): (typeof AGE_GROUPS)[number] {
	if (age < 25) return 'u25';
	if (age < 35) return '25-34';
	if (age < 45) return '35-44';
	if (age < 55) return '45-54';
	return '55+';
}

export function mapProfile(label: string): (typeof PROFILES)[number] | null {
	const s = norm(label);
	for (const [word, code] of [
		['markt', 'marktprofil'],
		['aktivierung', 'aktivierungsprofil'],
		['foerder', 'foerderprofil'],
		['entwicklung', 'entwicklungsprofil'],
		['stabilisierung', 'stabilisierungsprofil'],
		['unterstuetzung', 'unterstuetzungsprofil']
	] as const) {
		if (s.includes(word)) return code;
	}
	return null;
}

export function mapMilestone(label: string): (typeof MILESTONE_CODES)[number] | null {
	const s = norm(label);
	if ((MILESTONE_CODES as readonly string[]).includes(s)) return s as (typeof MILESTONE_CODES)[number];
	if (has(s, 'kontakt')) return 'regelmaessiger_kontakt';
	if (has(s, 'leidenseinsicht', 'einsicht')) return 'leidenseinsicht';
	if (has(s, 'diagnose')) return 'diagnose';
	if (has(s, 'aenderung')) return 'aenderungswunsch';
	if (has(s, 'hilfesystem', 'anbindung')) return 'anbindung_hilfesystem';
	if (has(s, 'therapie', 'entgiftung')) return 'therapie_entgiftung';
	if (has(s, 'stabil', 'coping')) return 'stabilitaet_coping';
	return null;
}

export function mapState(label: string): (typeof STATES)[number] | null {
	const up = label.trim().toUpperCase();
	if ((STATES as readonly string[]).includes(up)) return up as (typeof STATES)[number];
	const s = norm(label);
	const names: Record<string, (typeof STATES)[number]> = {
		baden_wuerttemberg: 'BW', bayern: 'BY', berlin: 'BE', brandenburg: 'BB', bremen: 'HB',
		hamburg: 'HH', hessen: 'HE', mecklenburg_vorpommern: 'MV', niedersachsen: 'NI',
		nordrhein_westfalen: 'NW', nrw: 'NW', rheinland_pfalz: 'RP', saarland: 'SL', sachsen: 'SN',
		sachsen_anhalt: 'ST', schleswig_holstein: 'SH', thueringen: 'TH'
	};
	return names[s] ?? null;
}

export function mapOrgType(label: string): (typeof ORG_TYPES)[number] | null {
	const s = norm(label);
	if (['ge', 'gemeinsame_einrichtung'].includes(s)) return 'gE';
	if (['zkt', 'zugelassener_kommunaler_traeger', 'optionskommune'].includes(s)) return 'zkT';
	return null;
}

export function mapAreaType(label: string): (typeof AREA_TYPES)[number] | null {
	const s = norm(label);
	if (has(s, 'gross')) return 'grossstadt';
	if (has(s, 'staedt', 'urban')) return 'staedtisch';
	if (has(s, 'laendl', 'rural')) return 'laendlich';
	return null;
}

/** Which mapper a code column uses; the loader looks codes up per distinct value. */
export const CODE_MAPPERS: Record<string, (label: string) => string | null> = {
	exit_reason: mapExitReason,
	age_group: mapAgeGroup,
	gender: mapGender,
	profile: mapProfile,
	milestone: mapMilestone,
	state: mapState,
	org_type: mapOrgType,
	area_type: mapAreaType
};
