/**
 * Charts as files that carry their own context: an SVG (fonts safely generic, styles
 * inlined, so it renders the same in PowerPoint or Impress) with title, subtitle and
 * footnote, and a PNG at twice the resolution drawn from that SVG. All in the browser.
 */
export interface ChartMeta {
	title: string;
	subtitle: string;
	footnote: string[];
}

const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline'];
const FONT = 'Arial, Helvetica, sans-serif';
const SVG_NS = 'http://www.w3.org/2000/svg';

function inlineStyles(source: Element, target: Element): void {
	const cs = getComputedStyle(source);
	const decl = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
	target.setAttribute('style', decl);
	for (let i = 0; i < source.children.length; i++) inlineStyles(source.children[i], target.children[i]);
}

function text(x: number, y: number, content: string, size: number, weight = 'normal'): SVGTextElement {
	const t = document.createElementNS(SVG_NS, 'text');
	t.setAttribute('x', String(x));
	t.setAttribute('y', String(y));
	t.setAttribute('style', `font-family:${FONT};font-size:${size}px;font-weight:${weight};fill:#1a1a1a`);
	t.textContent = content;
	return t;
}

function sizeOf(svg: SVGSVGElement): { w: number; h: number } {
	const vb = svg.viewBox.baseVal;
	return vb && vb.width ? { w: vb.width, h: vb.height } : { w: svg.clientWidth || 300, h: svg.clientHeight || 150 };
}

/**
 * The chart's SVG with title and subtitle above and the footnote lines below. Charts made
 * of several panels (small multiples) are laid out in a grid, each panel under its label.
 */
export function exportSvg(source: SVGSVGElement | SVGSVGElement[], meta: ChartMeta): { text: string; width: number; height: number } {
	const svgs = Array.isArray(source) ? source : [source];
	const panels = svgs.length > 1;
	const cols = panels ? Math.min(4, svgs.length) : 1;
	const sizes = svgs.map(sizeOf);
	const cellW = Math.max(...sizes.map((s) => s.w));
	const cellH = Math.max(...sizes.map((s) => s.h)) + (panels ? 18 : 0);
	const rows = Math.ceil(svgs.length / cols);
	const top = 52;
	const bodyW = cols * cellW + (cols - 1) * 12;
	const bodyH = rows * cellH + (rows - 1) * 12;
	const bottom = 16 + meta.footnote.length * 15;
	const width = Math.max(bodyW, 480);
	const height = bodyH + top + bottom;

	const root = document.createElementNS(SVG_NS, 'svg');
	root.setAttribute('xmlns', SVG_NS);
	root.setAttribute('width', String(width));
	root.setAttribute('height', String(height));
	root.setAttribute('viewBox', `0 0 ${width} ${height}`);
	root.setAttribute('font-family', FONT);
	const bg = document.createElementNS(SVG_NS, 'rect');
	bg.setAttribute('width', '100%');
	bg.setAttribute('height', '100%');
	bg.setAttribute('fill', '#ffffff');
	root.append(bg, text(8, 22, meta.title, 18, 'bold'), text(8, 42, meta.subtitle, 12));
	svgs.forEach((svg, i) => {
		const x = (i % cols) * (cellW + 12);
		const y = top + Math.floor(i / cols) * (cellH + 12);
		const chart = svg.cloneNode(true) as SVGSVGElement;
		inlineStyles(svg, chart);
		chart.removeAttribute('style');
		chart.removeAttribute('class');
		chart.setAttribute('x', String(x));
		chart.setAttribute('y', String(y + (panels ? 18 : 0)));
		chart.setAttribute('width', String(sizes[i].w));
		chart.setAttribute('height', String(sizes[i].h));
		if (panels) root.append(text(x, y + 12, svg.getAttribute('aria-label') ?? '', 12, 'bold'));
		root.append(chart);
	});
	meta.footnote.forEach((line, i) => root.append(text(8, top + bodyH + 18 + i * 15, line, 11)));
	return { text: '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root), width, height };
}

/** Draws the exported SVG onto a canvas at `scale` times its size. */
export async function pngFromSvg(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
	try {
		const img = new Image();
		img.width = width;
		img.height = height;
		await new Promise<void>((resolve, reject) => {
			img.onload = () => resolve();
			img.onerror = () => reject(new Error('SVG could not be drawn'));
			img.src = url;
		});
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(width * scale);
		canvas.height = Math.round(height * scale);
		const ctx = canvas.getContext('2d')!;
		ctx.scale(scale, scale);
		ctx.drawImage(img, 0, 0, width, height);
		return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG failed'))), 'image/png'));
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** A file name from a chart title: lower case, ASCII, hyphens. */
export function fileName(title: string, ext: string): string {
	const base = title
		.toLowerCase()
		.replace(/ä/g, 'ae')
		.replace(/ö/g, 'oe')
		.replace(/ü/g, 'ue')
		.replace(/ß/g, 'ss')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return `${base || 'diagramm'}.${ext}`;
}
