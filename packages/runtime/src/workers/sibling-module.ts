/**
 * The URL of a module next to `base` (pass `import.meta.url`), named by its TypeScript source file:
 * `siblingModule(import.meta.url, './actors.ts')`. When `base` is built JavaScript (`.js`, e.g. in a
 * package's dist/), the `.ts` becomes `.js`, so one line serves `WorkerClusterConfig.modules` both
 * when run from source (tsx, vitest) and when built.
 */
export function siblingModule(base: string, path: string): string {
  const built = /\.[cm]?js$/.test(new URL(base).pathname);
  const file = built ? path.replace(/\.([cm]?)ts$/, '.$1js') : path;
  return new URL(file, base).href;
}
