/** Horizontal bars (SVG) for 0..max scores, with the value as text: colour is never the only signal. */
export function ScoreBars({ items, max, label }: { items: { label: string; value: number | null }[]; max: number; label: string }) {
  const rowH = 28;
  const labelW = 150;
  const barW = 220;
  const h = items.length * rowH;
  return (
    <svg class="bars" role="img" aria-label={label} viewBox={`0 0 ${labelW + barW + 60} ${h}`} width="100%" style={{ maxWidth: '460px' }}>
      <title>{label}</title>
      {items.map((it, i) => {
        const y = i * rowH;
        const w = it.value === null ? 0 : (Math.max(0, Math.min(max, it.value)) / max) * barW;
        return (
          <g key={it.label}>
            <text x={0} y={y + 18} class="bar-label">
              {it.label}
            </text>
            <rect x={labelW} y={y + 6} width={barW} height={16} rx={3} class="bar-bg" />
            <rect x={labelW} y={y + 6} width={w} height={16} rx={3} class="bar-fg" />
            <text x={labelW + barW + 8} y={y + 18} class="bar-value">
              {it.value === null ? 'not covered' : `${it.value}/${max}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A line over sessions (oldest → newest), values 0..100; null points are gaps. */
export function ProgressLine({ points, label }: { points: { x: string; y: number | null }[]; label: string }) {
  const w = 480;
  const h = 160;
  const pad = 28;
  const n = points.length;
  const xs = (i: number): number => (n <= 1 ? w / 2 : pad + (i * (w - 2 * pad)) / (n - 1));
  const ys = (v: number): number => h - pad - (v / 100) * (h - 2 * pad);
  const valid = points.map((p, i) => ({ ...p, i })).filter((p): p is { x: string; y: number; i: number } => p.y !== null);
  const path = valid.map((p, k) => `${k === 0 ? 'M' : 'L'}${xs(p.i).toFixed(1)},${ys(p.y).toFixed(1)}`).join(' ');
  return (
    <svg class="progress-line" role="img" aria-label={label} viewBox={`0 0 ${w} ${h}`} width="100%" style={{ maxWidth: `${w}px` }}>
      <title>{label}</title>
      {[0, 50, 100].map((v) => (
        <g key={v}>
          <line x1={pad} x2={w - pad} y1={ys(v)} y2={ys(v)} class="grid" />
          <text x={2} y={ys(v) + 4} class="axis">
            {v}
          </text>
        </g>
      ))}
      {path && <path d={path} class="line" fill="none" />}
      {valid.map((p) => (
        <circle key={p.i} cx={xs(p.i)} cy={ys(p.y)} r={4} class="dot">
          <title>
            {p.x}: {p.y}
          </title>
        </circle>
      ))}
    </svg>
  );
}
