import type { SessionEvent } from '../../session/types';
import { buildCameraReport, describeSummary, formatShare, type CameraReport as Data, type TimelinePoint } from '../../vision/report';
import type { CameraSummary } from '../../vision/types';
import './camera.css';

export interface CameraReportProps {
  events: SessionEvent[];
  /** The report's answers in card order (their numbers label the timeline). */
  promptIds: number[];
}

const W = 720;
const H = 180;
const PAD = { left: 36, right: 8, top: 22, bottom: 24 };

type Series = 'presence' | 'looking' | 'smile';
const SERIES: { key: Series; label: string; cls: string }[] = [
  { key: 'presence', label: 'Face in the picture (dotted)', cls: 's-presence' },
  { key: 'looking', label: 'Looking at the camera (solid)', cls: 's-looking' },
  { key: 'smile', label: 'Smile (dashed)', cls: 's-smile' },
];

function path(points: TimelinePoint[], key: Series, x: (t: number) => number, y: (v: number) => number, binMs: number): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    const v = p[key];
    if (v === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.t + binMs / 2).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  }
  return d;
}

function Timeline({ data }: { data: Data }) {
  const span = Math.max(1, data.durationMs);
  const x = (t: number): number => PAD.left + (t / span) * (W - PAD.left - PAD.right);
  const y = (v: number): number => PAD.top + (1 - v) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round((f * span) / 1000) * 1000);
  return (
    <figure class="camera-figure">
      <svg class="camera-timeline" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="cam-tl-title cam-tl-desc" data-testid="camera-timeline">
        <title id="cam-tl-title">Camera cues over the interview</title>
        <desc id="cam-tl-desc">
          Share of the time your face was in the picture, you looked at the camera, and how much you smiled, from 0 to 100 %, across the interview. Shaded
          bands are your answers, numbered like the answer cards. The table below gives the same figures per answer.
        </desc>
        {data.answers.map((a) => (
          <g key={a.promptId} data-testid="camera-band">
            <rect class="band" x={x(a.from)} y={PAD.top} width={Math.max(1, x(a.to) - x(a.from))} height={H - PAD.top - PAD.bottom} />
            <text class="band-label" x={x(a.from) + 2} y={PAD.top - 6}>
              {a.number}
            </text>
          </g>
        ))}
        <line class="axis" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
        <line class="axis" x1={PAD.left} x2={PAD.left} y1={y(0)} y2={y(1)} />
        {[0, 0.5, 1].map((v) => (
          <text key={v} class="axis-label" x={PAD.left - 4} y={y(v) + 4} text-anchor="end">
            {Math.round(v * 100)}%
          </text>
        ))}
        {ticks.map((t, i) => (
          <text key={t} class="axis-label" x={x(t)} y={H - 6} text-anchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'}>
            {clock(t)}
          </text>
        ))}
        {SERIES.map((s) => (
          <path key={s.key} class={s.cls} d={path(data.timeline, s.key, x, y, data.binMs)} data-series={s.key} />
        ))}
      </svg>
      <figcaption>
        <ul class="camera-legend small">
          {SERIES.map((s) => (
            <li key={s.key}>
              <svg width="28" height="8" aria-hidden="true">
                <line class={s.cls} x1="0" x2="28" y1="4" y2="4" />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

/** "m:ss" for the time axis. */
function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function blinks(s: CameraSummary): string {
  return s.blinkRate === null ? '–' : `${s.blinkRate}/min`;
}

function movement(s: CameraSummary): string {
  if (s.movement === null) return '–';
  return s.movement < 0.15 ? 'steady' : s.movement < 0.5 ? 'some' : 'a lot';
}

/** The report's camera section: a summary, the timeline under the answers, and a table per answer (the chart's text alternative). */
export function CameraReport({ events, promptIds }: CameraReportProps) {
  const data = buildCameraReport(events, promptIds);
  if (!data) return null;
  const s = data.session;
  return (
    <section class="card camera-report" aria-labelledby="camera-report-title" data-testid="camera-report">
      <h2 id="camera-report-title">Camera cues</h2>
      <ul data-testid="camera-summary">
        {describeSummary(s).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <Timeline data={data} />
      <table class="camera-table small" data-testid="camera-table">
        <caption class="sr-only">Camera cues per answer</caption>
        <thead>
          <tr>
            <th scope="col">Answer</th>
            <th scope="col">Face in picture</th>
            <th scope="col">Looking at camera</th>
            <th scope="col">Looking away while speaking</th>
            <th scope="col">Smile (0–1)</th>
            <th scope="col">Brow tension (0–1)</th>
            <th scope="col">Head movement</th>
            <th scope="col">Blinks</th>
          </tr>
        </thead>
        <tbody>
          {data.answers.map((a) => (
            <tr key={a.promptId} data-testid="camera-answer" data-smile={a.summary.smile ?? ''} data-presence={a.summary.presence ?? ''} data-away={a.summary.awayWhileSpeaking ?? ''}>
              <th scope="row">{a.number}</th>
              <td>{formatShare(a.summary.presence)}</td>
              <td>{formatShare(a.summary.looking)}</td>
              <td>{formatShare(a.summary.awayWhileSpeaking)}</td>
              <td>{a.summary.smile === null ? '–' : a.summary.smile.toFixed(2)}</td>
              <td>{a.summary.brow === null ? '–' : a.summary.brow.toFixed(2)}</td>
              <td>{movement(a.summary)}</td>
              <td>{blinks(a.summary)}</td>
            </tr>
          ))}
          <tr data-testid="camera-session-row" data-smile={s.smile ?? ''} data-presence={s.presence ?? ''}>
            <th scope="row">Whole interview</th>
            <td>{formatShare(s.presence)}</td>
            <td>{formatShare(s.looking)}</td>
            <td>{formatShare(s.awayWhileSpeaking)}</td>
            <td>{s.smile === null ? '–' : s.smile.toFixed(2)}</td>
            <td>{s.brow === null ? '–' : s.brow.toFixed(2)}</td>
            <td>{movement(s)}</td>
            <td>{blinks(s)}</td>
          </tr>
        </tbody>
      </table>
      <p class="muted small">
        What the camera saw, as numbers computed on this device ({Math.round(s.seconds)} s analysed): observable cues, not a judgement of how you felt. No image
        was stored. “Looking at the camera” means head and eyes pointed within about 20° of the lens.
      </p>
    </section>
  );
}
