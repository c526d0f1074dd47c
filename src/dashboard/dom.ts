// Tiny DOM helpers: elements built with text content only (never HTML strings), so data cannot inject markup.
/// <reference lib="dom" />

type Attrs = Record<string, string | number | boolean | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** Replaces a container's content. */
export function fill(container: Element, ...children: (Node | string)[]): void {
  container.replaceChildren(...children);
}
