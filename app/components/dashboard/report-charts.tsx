// Server-rendered SVG charts: plain markup, no chart library, nothing that runs in the
// browser. Drawn in a 360-wide viewBox that scales to the container, so a 390 px phone
// shows it at about its natural size; labels are thinned to what fits. Each chart is an
// image with a text alternative that names the table holding its figures.
// Pixel geometry is the only arithmetic here; the values are never written back as money.

export type ChartPoint = { label: string; value: number };

type ChartProps = {
  id: string;
  title: string;
  /** the text alternative: what the chart shows and which table has the figures */
  description: string;
  points: ChartPoint[];
  /** how an axis value is written (¥ for money, a count for orders) */
  format: (value: number) => string;
};

const WIDTH = 360;
const HEIGHT = 190;
const PLOT = { left: 8, right: 8, top: 22, bottom: 28 };
const MAX_LABELS = 6;

/** Where the plot's zero and top values sit, including negative values (refunds above sales). */
function scale(points: ChartPoint[]) {
  const max = Math.max(0, ...points.map((p) => p.value));
  const min = Math.min(0, ...points.map((p) => p.value));
  const span = max - min || 1;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const y = (value: number) => PLOT.top + ((max - value) / span) * plotHeight;
  return { max, min, y };
}

/** Every nth label, first and last kept, so labels never overlap on a phone. */
function shownLabels(count: number): Set<number> {
  const step = Math.max(1, Math.ceil(count / MAX_LABELS));
  const shown = new Set<number>();
  for (let i = 0; i < count; i += step) shown.add(i);
  // the last period always, in place of a label that would crowd it
  const lastShown = Math.floor((count - 1) / step) * step;
  if (lastShown !== count - 1) {
    if (lastShown > 0 && count - 1 - lastShown < step) shown.delete(lastShown);
    shown.add(count - 1);
  }
  return shown;
}

function Frame({ id, title, description, children }: { id: string; title: string; description: string; children: React.ReactNode }) {
  return (
    <figure className="rounded-lg bg-white p-3 shadow-sm">
      <figcaption id={`${id}-title`} className="text-sm font-semibold">
        {title}
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="mt-2 block h-auto w-full"
        preserveAspectRatio="xMidYMid meet"
      >
        <desc id={`${id}-desc`}>{description}</desc>
        {children}
      </svg>
    </figure>
  );
}

function Axis({ points, y, max, format }: { points: ChartPoint[]; y: (v: number) => number; max: number; format: (v: number) => string }) {
  const labels = shownLabels(points.length);
  const slot = (WIDTH - PLOT.left - PLOT.right) / Math.max(points.length, 1);
  return (
    <g aria-hidden="true">
      <line x1={PLOT.left} x2={WIDTH - PLOT.right} y1={y(0)} y2={y(0)} stroke="currentColor" strokeOpacity={0.4} />
      <text x={PLOT.left} y={12} fontSize={11} fill="currentColor">
        {format(max)}
      </text>
      {points.map((p, i) =>
        labels.has(i) ? (
          <text key={p.label} x={PLOT.left + slot * (i + 0.5)} y={HEIGHT - 10} fontSize={10} textAnchor="middle" fill="currentColor">
            {p.label}
          </text>
        ) : null,
      )}
    </g>
  );
}

/** Bars from a zero line (below it for a negative value). */
export function BarChart({ id, title, description, points, format }: ChartProps) {
  const { max, y } = scale(points);
  const slot = (WIDTH - PLOT.left - PLOT.right) / Math.max(points.length, 1);
  const bar = Math.max(1, slot * 0.7);
  return (
    <Frame id={id} title={title} description={description}>
      <g className="text-leaf-700">
        {points.map((p, i) => {
          const top = Math.min(y(p.value), y(0));
          return (
            <rect
              key={p.label}
              x={PLOT.left + slot * i + (slot - bar) / 2}
              y={top}
              width={bar}
              height={Math.abs(y(p.value) - y(0))}
              fill={p.value < 0 ? "#b3261e" : "currentColor"}
            />
          );
        })}
      </g>
      <Axis points={points} y={y} max={max} format={format} />
    </Frame>
  );
}

/** A line through every period, a dot on each (one period alone is still visible). */
export function LineChart({ id, title, description, points, format }: ChartProps) {
  const { max, y } = scale(points);
  const slot = (WIDTH - PLOT.left - PLOT.right) / Math.max(points.length, 1);
  const xy = points.map((p, i) => [PLOT.left + slot * (i + 0.5), y(p.value)] as const);
  return (
    <Frame id={id} title={title} description={description}>
      <g className="text-soil-800">
        <polyline
          points={xy.map(([x, py]) => `${x.toFixed(1)},${py.toFixed(1)}`).join(" ")}
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
        />
        {points.length <= 62 ? xy.map(([x, py], i) => <circle key={points[i].label} cx={x} cy={py} r={2.5} fill="currentColor" />) : null}
      </g>
      <Axis points={points} y={y} max={max} format={format} />
    </Frame>
  );
}
