import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRunFolder } from '../folder/load.ts';
import { buildReportModel } from '../model/build.ts';
import { pageAssets } from './bundle.ts';
import { reportHtml } from './html.ts';

/** Reads a run folder and writes its `report.html` into it; resolves to the file's path. */
export async function writeReport(dir: string): Promise<string> {
  const model = buildReportModel(loadRunFolder(dir));
  const html = reportHtml(model, await pageAssets());
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  return file;
}
