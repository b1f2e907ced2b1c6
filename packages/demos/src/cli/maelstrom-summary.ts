import type { MaelstromTestResult, MessageMatrixSnapshot, OpRecord, Quantiles } from '@faultline/maelstrom';
import { describeStats, escapeControl, MESSAGE_BUCKET_MS } from '@faultline/maelstrom';

// A Maelstrom test's own page (summary.html): its verdict with the checker's account, the stats,
// latency over time, and the messages between nodes — Maelstrom's results.edn, latency plots and
// messages.svg in one static page (no script), readable at 25 nodes: the messages are a matrix of
// counts per pair of ends, not one arrow per message.

const esc = (s: string) => escapeControl(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Most points drawn on the latency chart (evenly thinned beyond). */
const MAX_POINTS = 4000;

/** The whole page for one test. */
export function summaryHtml(r: MaelstromTestResult, workload: string): string {
  const verdict = r.valid === true ? 'valid' : r.valid === false ? 'INVALID' : 'unknown';
  const anomalies = Object.entries(r.check.anomalies).map(([k, v]) => `${k} ×${v}`).join(', ');
  const stable = r.check.extra?.['stableLatency'] as Quantiles | undefined;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>maelstrom ${esc(workload)} seed ${r.seed}: ${verdict}</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:1100px}h1 .v{padding:0 .3em;border-radius:4px}
.valid{background:#c8f0c8}.INVALID{background:#f7c0c0}.unknown{background:#eee0a0}pre{white-space:pre-wrap;background:#f6f6f6;padding:.6em}
table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}th{text-align:left}svg text{font:10px system-ui,sans-serif}</style>
</head><body>
<h1>maelstrom test -w ${esc(workload)}: <span class="v ${verdict}">${verdict}</span></h1>
<p>seed ${r.seed}${anomalies ? ` · anomalies: ${esc(anomalies)}` : ''} · ${r.nemesisLog.length} nemesis actions · run ${(r.runMs / 1000).toFixed(1)} s, wall ${(r.wallMs / 1000).toFixed(1)} s</p>
<h2 id="checker">What the checker found</h2>
<pre>${esc(r.check.lines.join('\n'))}</pre>
<h2 id="stats">Availability, latency, messages</h2>
${statsTable(r, stable)}
<pre>${esc(describeStats(r.stats).join('\n'))}</pre>
<h2 id="latency">Latency over time</h2>
<p>Each workload operation at its invocation time (x) and latency (y); ok green, fail orange, unknown (info) grey at the top. Red lines: nemesis actions.</p>
${latencySvg(r.ops.filter((o) => o.phase === undefined), r)}
<h2 id="messages">Messages between nodes</h2>
<p>Messages sent from each row's end to each column's end (darker: more; hover for counts and drops). All clients are one end; each service its own.</p>
${matrixSvg(r.messages)}
<h3>Messages between nodes per ${MESSAGE_BUCKET_MS / 1000} s</h3>
${bucketsSvg(r.messages.serverSendsPerBucket)}
<h3>Messages by type</h3>
<table><tr><th>type</th><th>sent</th></tr>${Object.entries(r.messages.byType).map(([t, n]) => `<tr><th>${esc(t)}</th><td>${n}</td></tr>`).join('')}</table>
</body></html>
`;
}

function statsTable(r: MaelstromTestResult, stable: Quantiles | undefined): string {
  const q = r.stats.latency;
  const row = (name: string, v: Quantiles) => `<tr><th>${name}</th><td>${v.min}</td><td>${v.p50}</td><td>${v.p95}</td><td>${v.p99}</td><td>${v.max}</td></tr>`;
  return `<table><tr><th>ops</th><td>${r.stats.ops}</td><th>ok</th><td>${r.stats.ok}</td><th>fail</th><td>${r.stats.fail}</td><th>info</th><td>${r.stats.info}</td><th>availability</th><td>${r.stats.availability}</td><th>msgs-per-op (servers)</th><td>${r.stats.msgsPerOp}</td></tr></table>
<table><tr><th>ms</th><th>min</th><th>p50</th><th>p95</th><th>p99</th><th>max</th></tr>${row('latency', q)}${stable ? row('stable latency', stable) : ''}</table>`;
}

function latencySvg(ops: readonly OpRecord[], r: MaelstromTestResult): string {
  const W = 900;
  const H = 220;
  const done = ops.filter((o) => o.completeTime !== undefined);
  if (done.length === 0) return '<p>No operation completed.</p>';
  const t0 = Math.min(...done.map((o) => o.invokeTime));
  const t1 = Math.max(...done.map((o) => o.completeTime ?? o.invokeTime), t0 + 1);
  const lat = (o: OpRecord) => (o.completeTime ?? o.invokeTime) - o.invokeTime;
  const maxLat = Math.max(1, ...done.filter((o) => o.type !== 'info').map(lat));
  const x = (t: number) => 40 + ((t - t0) / (t1 - t0)) * (W - 50);
  const y = (ms: number) => H - 20 - (Math.min(ms, maxLat) / maxLat) * (H - 40);
  const step = Math.max(1, Math.ceil(done.length / MAX_POINTS));
  const colour = { ok: '#2a2', fail: '#e80', info: '#999' } as const;
  const dots = done.filter((_, i) => i % step === 0).map((o) => {
    const cy = o.type === 'info' ? 12 : y(lat(o));
    return `<circle cx="${x(o.invokeTime).toFixed(1)}" cy="${cy.toFixed(1)}" r="1.8" fill="${colour[o.type ?? 'info']}"/>`;
  }).join('');
  const nemesis = r.nemesisLog.map((e) => {
    const t = e.now ?? e.at;
    return t >= t0 && t <= t1 ? `<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="10" y2="${H - 20}" stroke="#d33" stroke-opacity=".4"><title>${esc(e.text)}</title></line>` : '';
  }).join('');
  return `<svg width="${W}" height="${H}" role="img" aria-label="latency over time">
<line x1="40" x2="${W - 10}" y1="${H - 20}" y2="${H - 20}" stroke="#888"/><line x1="40" x2="40" y1="10" y2="${H - 20}" stroke="#888"/>
<text x="4" y="${y(maxLat) + 4}">${Math.round(maxLat)} ms</text><text x="4" y="${H - 16}">0</text>
<text x="40" y="${H - 4}">${Math.round(t0)} ms</text><text x="${W - 60}" y="${H - 4}">${Math.round(t1)} ms</text>
${nemesis}${dots}${step > 1 ? `<text x="${W - 200}" y="20">every ${step}th of ${done.length} ops</text>` : ''}</svg>`;
}

function matrixSvg(m: MessageMatrixSnapshot): string {
  const n = m.ends.length;
  const cell = n > 30 ? 12 : 18;
  const pad = 64;
  const max = Math.max(1, ...m.sent.flat());
  const cells: string[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const s = m.sent[i]![j]!;
      const d = m.dropped[i]![j]!;
      if (s === 0 && d === 0) continue;
      const shade = s === 0 ? 0 : 0.15 + 0.85 * (Math.log1p(s) / Math.log1p(max));
      cells.push(`<rect x="${pad + j * cell}" y="${pad + i * cell}" width="${cell - 1}" height="${cell - 1}" fill="#1f5fbf" fill-opacity="${shade.toFixed(3)}"${d > 0 ? ' stroke="#d33"' : ''}><title>${esc(m.ends[i]!)} → ${esc(m.ends[j]!)}: ${s} sent${d > 0 ? `, ${d} dropped` : ''}</title></rect>`);
    }
  }
  const labels = m.ends.map((e, i) => `<text x="${pad - 4}" y="${pad + i * cell + cell * 0.7}" text-anchor="end">${esc(e.slice(0, 10))}</text>`
    + `<text transform="translate(${pad + i * cell + cell * 0.7},${pad - 4}) rotate(-60)">${esc(e.slice(0, 10))}</text>`).join('');
  const size = pad + n * cell + 10;
  return `<svg width="${size}" height="${size}" role="img" aria-label="messages between ends">${labels}${cells.join('')}</svg>
<p>Largest cell: ${max} messages. Red outline: the fault layer dropped some on that link.</p>`;
}

function bucketsSvg(buckets: readonly number[]): string {
  if (buckets.length === 0) return '<p>No message between nodes.</p>';
  const W = 900;
  const H = 120;
  const max = Math.max(1, ...buckets);
  const w = (W - 50) / buckets.length;
  const bars = buckets.map((b, i) => `<rect x="${(40 + i * w).toFixed(1)}" y="${(H - 20 - (b / max) * (H - 30)).toFixed(1)}" width="${Math.max(1, w - 1).toFixed(1)}" height="${((b / max) * (H - 30)).toFixed(1)}" fill="#1f5fbf"><title>${i}–${i + 1} s: ${b}</title></rect>`).join('');
  return `<svg width="${W}" height="${H}" role="img" aria-label="messages between nodes over time"><text x="4" y="14">${max}</text><text x="4" y="${H - 16}">0</text>${bars}</svg>`;
}
