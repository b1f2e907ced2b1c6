import type { ReportModel } from '../model/report-model.ts';
import type { PageAssets } from './bundle.ts';

/** Makes text safe inside a <script> element (no `</script>` or `<!--` can end it early). */
export function scriptSafe(text: string): string {
  return text.replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

/** The whole report: one HTML document with its script, styles and data inlined. */
export function reportHtml(model: ReportModel, assets: PageAssets): string {
  // The data is JSON in a non-executed script element; `<` is escaped so no text in it can close the element.
  const data = scriptSafe(JSON.stringify(model));
  const script = assets.script.replace(/<\/script/gi, '<\\/script');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(model.title)} — faultline report</title>
<style>${assets.css}</style>
</head>
<body>
<div id="app"><noscript>This report draws with JavaScript; enable it to see the run.</noscript></div>
<script type="application/json" id="run-data">${data}</script>
<script>${script}</script>
</body>
</html>
`;
}
