import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadRunFolder, type RunFolder } from '../folder/load.ts';
import { buildReportModel } from '../model/build.ts';
import { pageAssets } from './bundle.ts';
import { reportHtml } from './html.ts';

/**
 * Writes a run folder's `report.html` into it; resolves to the file's path. Give the folder's
 * path to read it from disk, or what {@link RunRecorder.finish} returned to skip reading it back.
 */
export async function writeReport(run: string | RunFolder): Promise<string> {
  const folder = typeof run === 'string' ? loadRunFolder(run) : run;
  const dir = folder.dir;
  const model = buildReportModel(folder);
  const html = reportHtml(model, await pageAssets());
  const file = join(dir, 'report.html');
  writeFileSync(file, html);
  return file;
}
