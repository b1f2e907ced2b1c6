import type { SceneRecord } from '../folder/layout.ts';
import type { FaultWindow, SceneModel } from './report-model.ts';

/**
 * A lesson's scenes as the page draws them: each with the fault windows that overlap it (by
 * index into the run's windows), so a scene's section names the fault it staged.
 */
export function sceneModels(scenes: readonly SceneRecord[], windows: readonly FaultWindow[]): SceneModel[] {
  return [...scenes].sort((a, b) => a.from - b.from).map((s) => ({
    name: s.name, title: s.title, from: s.from, to: s.to, lines: [...s.lines],
    windows: windows.flatMap((w, i) => (w.from < s.to && w.to > s.from ? [i] : [])),
  }));
}
