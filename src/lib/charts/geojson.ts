/**
 * A user's own GeoJSON for the choropleth, read locally (never fetched): the features'
 * polygons, which group each feature belongs to, and a plain projection for drawing.
 * d3-geo is not a dependency; at the scale of a country an equirectangular projection with
 * the longitude shrunk by cos(mean latitude) looks right and needs ten lines.
 */

type Ring = [number, number][];

export interface GeoFeature {
	properties: Record<string, unknown>;
	/** Polygons, each a list of rings (outer first), in [longitude, latitude]. */
	polygons: Ring[][];
}

export interface FeatureMatch {
	feature: GeoFeature;
	/** The group key the feature shows, null when no property names a group. */
	key: string | null;
	name: string;
}

/** One clear sentence as the error when the text is not a usable FeatureCollection. */
export function parseGeoJson(text: string): GeoFeature[] {
	let doc: unknown;
	try {
		doc = JSON.parse(text);
	} catch {
		throw new Error('kein gültiges JSON');
	}
	const d = doc as { type?: string; features?: unknown[] };
	if (d?.type === 'Topology') throw new Error('TopoJSON wird nicht gelesen; bitte als GeoJSON speichern');
	if (d?.type !== 'FeatureCollection' || !Array.isArray(d.features)) throw new Error('keine FeatureCollection');
	const out: GeoFeature[] = [];
	for (const f of d.features as { properties?: Record<string, unknown>; geometry?: { type?: string; coordinates?: unknown } }[]) {
		const g = f?.geometry;
		const polygons = g?.type === 'Polygon' ? [g.coordinates as Ring[]] : g?.type === 'MultiPolygon' ? (g.coordinates as Ring[][]) : null;
		if (polygons) out.push({ properties: f.properties ?? {}, polygons });
	}
	if (!out.length) throw new Error('keine Flächen (Polygon/MultiPolygon)');
	return out;
}

/** Property names that usually carry a name, for the table's first column. */
const NAME_PROPS = ['name', 'NAME', 'GEN', 'gen', 'label'];

/**
 * Assigns each feature the group whose key or one of its names (label, ags, …) equals one of its
 * property values (as text, trimmed). Leading zeros matter in an AGS, so no number parsing.
 */
export function matchFeatures(features: GeoFeature[], groups: { key: string; names: (string | null)[] }[]): FeatureMatch[] {
	const lookup = new Map<string, string>();
	for (const g of groups) {
		for (const v of [...g.names, g.key]) if (v) lookup.set(v.trim(), g.key);
	}
	return features.map((feature) => {
		const values = Object.values(feature.properties).map((v) => (v === null || v === undefined ? '' : String(v).trim()));
		const hit = values.find((v) => lookup.has(v));
		const nameProp = NAME_PROPS.find((p) => feature.properties[p] != null);
		return { feature, key: hit === undefined ? null : lookup.get(hit)!, name: String(nameProp ? feature.properties[nameProp] : (hit ?? values[0] ?? '')) };
	});
}

/** SVG path data for every feature, fitted into width × height. */
export function projectPaths(features: GeoFeature[], width: number, height: number): string[] {
	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const f of features)
		for (const poly of f.polygons)
			for (const ring of poly)
				for (const [lon, lat] of ring) {
					x0 = Math.min(x0, lon);
					x1 = Math.max(x1, lon);
					y0 = Math.min(y0, lat);
					y1 = Math.max(y1, lat);
				}
	const kx = Math.cos((((y0 + y1) / 2) * Math.PI) / 180);
	const scale = Math.min(width / Math.max(1e-9, (x1 - x0) * kx), height / Math.max(1e-9, y1 - y0));
	const px = (lon: number) => ((lon - x0) * kx * scale).toFixed(1);
	const py = (lat: number) => ((y1 - lat) * scale).toFixed(1);
	return features.map((f) =>
		f.polygons.map((poly) => poly.map((ring) => 'M' + ring.map(([lon, lat]) => `${px(lon)},${py(lat)}`).join('L') + 'Z').join('')).join('')
	);
}
