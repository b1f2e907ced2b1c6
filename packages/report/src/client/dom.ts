/** Creates an element with attributes and children. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

/** A report section: a titled panel, registered in the table of contents. */
export function panel(root: HTMLElement, toc: HTMLElement, id: string, title: string, help: string): HTMLElement {
  const section = el('section', { class: 'panel', id, 'data-section': id }, el('h2', {}, title), el('p', { class: 'help' }, help));
  root.append(section);
  toc.append(el('a', { href: `#${id}` }, title));
  return section;
}

/** A canvas sized to its box at the device's pixel ratio; returns its 2D context in CSS pixels. */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  canvas.style.height = `${height}px`;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('this browser gives no 2D canvas');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** Milliseconds as a short label. */
export function ms(t: number): string {
  if (Math.abs(t) >= 10_000) return `${(t / 1000).toFixed(1)} s`;
  if (Math.abs(t) >= 1000) return `${(t / 1000).toFixed(3)} s`;
  return `${Number(t.toFixed(3))} ms`;
}
