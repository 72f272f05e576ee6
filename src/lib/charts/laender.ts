/**
 * The 16 Länder by their contract codes (DATA.md, table jobcenters): names for labels and
 * for matching a GeoJSON of the Länder, and the tile map's fixed grid.
 */
export const LAENDER: Record<string, string> = {
	BW: 'Baden-Württemberg',
	BY: 'Bayern',
	BE: 'Berlin',
	BB: 'Brandenburg',
	HB: 'Bremen',
	HH: 'Hamburg',
	HE: 'Hessen',
	MV: 'Mecklenburg-Vorpommern',
	NI: 'Niedersachsen',
	NW: 'Nordrhein-Westfalen',
	RP: 'Rheinland-Pfalz',
	SL: 'Saarland',
	SN: 'Sachsen',
	ST: 'Sachsen-Anhalt',
	SH: 'Schleswig-Holstein',
	TH: 'Thüringen'
};

/** [column, row] of each Land: north at the top, east to the right, every Land one tile. */
export const TILE_GRID: Record<string, [number, number]> = {
	SH: [2, 0],
	HB: [1, 1],
	HH: [2, 1],
	MV: [3, 1],
	NW: [0, 2],
	NI: [1, 2],
	ST: [2, 2],
	BB: [3, 2],
	BE: [4, 2],
	RP: [0, 3],
	HE: [1, 3],
	TH: [2, 3],
	SN: [3, 3],
	SL: [0, 4],
	BW: [1, 4],
	BY: [2, 4]
};
