// @faultline/report: run folders and the self-contained HTML report of a run.
export { RUN_FILES, RUN_FORMAT, STATE_CHARS } from './folder/layout.ts';
export type { HistoryEntry, MembershipRecord, NemesisRecord, ClocksRecord, RunManifest, SceneRecord, StampRecord, StateRecord } from './folder/layout.ts';
export { PAYLOAD_CHARS, payloadText, runTraceEvent, runTraceLine, type RunTraceEvent } from './folder/trace-line.ts';
export { clearRunFolder, RunRecorder, type RecordedHistory, type RecorderOptions } from './folder/recorder.ts';
export { loadRunFolder, RunFolderError, type RunFolder } from './folder/load.ts';
export { nemesisRecord } from './folder/nemesis-record.ts';
export type * from './model/report-model.ts';
export { FATES } from './model/report-model.ts';
export { buildReportModel } from './model/build.ts';
export { stepLabel, txnCycleCharts } from './model/txn-cycles.ts';
export type { CycleEdge, CycleTxn, TxnCycleChart } from './model/txn-cycle-chart.ts';
export { faultWindows } from './model/windows.ts';
export { messageColumns } from './model/messages.ts';
export { pageAssets, type PageAssets } from './page/bundle.ts';
export { reportHtml, scriptSafe } from './page/html.ts';
export { writeReport } from './page/write-report.ts';
