/**
 * Pure helpers of the benchmark runner: statistics, number formatting and the SVG bar chart
 * (bench/report.svg). No I/O here, so bench/report.test.ts can check them in `npm test` without
 * running a benchmark.
 */

/** The median of a non-empty list (the mean of the middle two for an even length). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of an empty list');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The geometric mean of positive numbers; NaN for an empty list. */
export function geomean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let logs = 0;
  for (const x of xs) logs += Math.log(x);
  return Math.exp(logs / xs.length);
}

/** A duration in milliseconds with about three significant digits: 0.123, 12.3, 1234. */
export function formatMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toFixed(3);
}

/** A ratio as a factor: 0.52×, 3.41×, 27.3×, 112×. */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return '–';
  if (r >= 100) return `${r.toFixed(0)}×`;
  if (r >= 10) return `${r.toFixed(1)}×`;
  return `${r.toFixed(2)}×`;
}

/** One series of bars: a value per row (undefined: no bar, its note or "n/a" written instead). */
export interface Series {
  label: string;
  color: string;
  values: readonly (number | undefined)[];
  /** Why a row has no value ("wrong result", "error", …). */
  notes?: readonly (string | undefined)[];
  /** The geometric mean, drawn as the last row. */
  geomean: number;
}

export interface Chart {
  title: string;
  subtitle: string;
  /** What the horizontal axis measures. */
  axisLabel: string;
  /** Row labels (program names), top to bottom. */
  names: readonly string[];
  series: readonly Series[];
}

const WIDTH = 900;
const LEFT = 110; // program names
const RIGHT = 70; // value labels past the longest bar
const TOP = 92; // title, subtitle, legend
const BAR = 11; // height of one series' bar
const ROW_GAP = 9;
const BOTTOM = 48; // axis labels

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A number for an SVG attribute: at most one decimal. */
function px(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Tick values 1, 2, 5 × 10^k within [lo, hi]. */
function ticks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(Number(v.toPrecision(1)));
    }
  }
  return out;
}

/**
 * A horizontal bar chart of ratios on a logarithmic axis: one row per program (a bar per series,
 * starting at 1 — parity — and ending at the ratio), then a row for the geometric means. The axis
 * spans whole decades around every value and 1.
 */
export function renderSvg(chart: Chart): string {
  const values = chart.series.flatMap((s) => [...s.values, s.geomean])
    .filter((v): v is number => v !== undefined && Number.isFinite(v) && v > 0);
  const lo = 10 ** Math.floor(Math.log10(Math.min(1, ...values)));
  const hi = 10 ** Math.ceil(Math.log10(Math.max(10, ...values)));
  const plotW = WIDTH - LEFT - RIGHT;
  const x = (v: number) => LEFT + (plotW * Math.log10(v / lo)) / Math.log10(hi / lo);
  const rowH = chart.series.length * BAR + ROW_GAP;
  const rows = [...chart.names, 'geomean'];
  const plotH = rows.length * rowH + ROW_GAP;
  const height = TOP + plotH + BOTTOM;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${px(height)}" viewBox="0 0 ${WIDTH} ${px(height)}"` +
      ` font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="24" font-size="16" font-weight="bold">${escapeXml(chart.title)}</text>`,
    `<text x="${LEFT}" y="44" fill="#555555">${escapeXml(chart.subtitle)}</text>`,
  );
  // Legend.
  let lx = LEFT;
  for (const s of chart.series) {
    out.push(`<rect x="${lx}" y="58" width="14" height="${BAR}" fill="${s.color}"/>`);
    out.push(`<text x="${lx + 20}" y="68">${escapeXml(s.label)}</text>`);
    lx += 40 + 7 * s.label.length;
  }
  // Grid and tick labels.
  const plotBottom = TOP + plotH;
  for (const t of ticks(lo, hi)) {
    const decade = Number.isInteger(Math.log10(t));
    const tx = px(x(t));
    out.push(`<line x1="${tx}" y1="${TOP}" x2="${tx}" y2="${px(plotBottom)}" stroke="${decade ? '#bbbbbb' : '#e4e4e4'}"/>`);
    out.push(`<text x="${tx}" y="${px(plotBottom + 16)}" text-anchor="middle" fill="#444444">${t}×</text>`);
  }
  const one = px(x(1));
  out.push(`<line x1="${one}" y1="${TOP}" x2="${one}" y2="${px(plotBottom)}" stroke="#222222" stroke-width="1.5"/>`);
  out.push(`<text x="${px(LEFT + plotW / 2)}" y="${px(plotBottom + 38)}" text-anchor="middle">${escapeXml(chart.axisLabel)}</text>`);
  // Rows.
  rows.forEach((name, r) => {
    const y0 = TOP + ROW_GAP + r * rowH;
    const isMean = r === chart.names.length;
    if (isMean) out.push(`<line x1="8" y1="${px(y0 - ROW_GAP / 2)}" x2="${WIDTH - 8}" y2="${px(y0 - ROW_GAP / 2)}" stroke="#888888"/>`);
    out.push(
      `<text x="${LEFT - 8}" y="${px(y0 + (chart.series.length * BAR) / 2 + 4)}" text-anchor="end"` +
        `${isMean ? ' font-weight="bold"' : ''}>${escapeXml(name)}</text>`,
    );
    chart.series.forEach((s, i) => {
      const v = isMean ? s.geomean : s.values[r];
      const y = y0 + i * BAR;
      if (v === undefined || !Number.isFinite(v) || v <= 0) {
        const note = (isMean ? undefined : s.notes?.[r]) ?? 'n/a';
        out.push(`<text x="${px(x(1) + 4)}" y="${px(y + BAR - 2)}" font-size="10" fill="#888888">${escapeXml(note)}</text>`);
        return;
      }
      const a = Math.min(x(1), x(v));
      const w = Math.max(1, Math.abs(x(v) - x(1)));
      out.push(`<rect x="${px(a)}" y="${px(y + 1)}" width="${px(w)}" height="${BAR - 2}" fill="${s.color}"><title>${escapeXml(`${name}, ${s.label}: ${formatRatio(v)}`)}</title></rect>`);
      const labelX = v >= 1 ? x(v) + 4 : x(v) - 4;
      out.push(
        `<text x="${px(labelX)}" y="${px(y + BAR - 2)}" font-size="10"${v >= 1 ? '' : ' text-anchor="end"'}` +
          `${isMean ? ' font-weight="bold"' : ''}>${formatRatio(v)}</text>`,
      );
    });
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
