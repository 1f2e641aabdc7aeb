/**
 * WCAG 2.x AA contrast: the pure colour computation (parsing computed CSS colours, alpha blending,
 * relative luminance, contrast ratio) and the script a page runs to list its text and the colours
 * it is drawn with.
 */

/** An sRGB colour, channels 0–255, alpha 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** What the page reports for an element that has its own visible text. */
export interface TextSample {
  selector: string;
  text: string;
  /** Computed `color` (or `fill` for SVG text). */
  color: string;
  /** Computed `background-color` of the element, then of each ancestor, up to the first opaque one. */
  backgrounds: string[];
  fontSizePx: number;
  fontWeight: number;
}

export interface ContrastResult extends TextSample {
  fg: string;
  bg: string;
  ratio: number;
  large: boolean;
  required: number;
}

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

/** Parses `#rgb`, `#rrggbb`, `rgb(…)`/`rgba(…)` (comma or space syntax) and `transparent`. */
export function parseColor(css: string): Rgba {
  const s = css.trim().toLowerCase();
  if (s === "transparent") return { r: 0, g: 0, b: 0, a: 0 };
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(s);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((c) => c + c).join("") : hex[1];
    return {
      r: parseInt(h.slice(0, 2), 16),
      g: parseInt(h.slice(2, 4), 16),
      b: parseInt(h.slice(4, 6), 16),
      a: 1,
    };
  }
  const fn =
    /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(s);
  if (fn) {
    const a = fn[4] === undefined ? 1 : Number(fn[4]) / (fn[5] ? 100 : 1);
    return { r: Number(fn[1]), g: Number(fn[2]), b: Number(fn[3]), a };
  }
  throw new Error(`unsupported colour: ${css}`);
}

/** Draws `top` over an opaque `bottom` (source-over). */
export function blend(top: Rgba, bottom: Rgba): Rgba {
  const mix = (t: number, b: number) => t * top.a + b * (1 - top.a);
  return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a: 1 };
}

/** The opaque colour behind an element, from its own background outwards; the canvas is white. */
export function effectiveBackground(backgrounds: readonly string[]): Rgba {
  let bg = WHITE;
  for (const css of [...backgrounds].reverse()) bg = blend(parseColor(css), bg);
  return bg;
}

/** WCAG 2.x relative luminance of an (opaque) sRGB colour. */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio, 1–21, of two opaque colours. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Large text for WCAG: at least 24px, or at least 18.66px (14pt) and bold. */
export function isLargeText(fontSizePx: number, fontWeight: number): boolean {
  return fontSizePx >= 24 || (fontSizePx >= 18.66 && fontWeight >= 700);
}

const hexOf = ({ r, g, b }: Rgba) =>
  "#" + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("");

export function checkContrast(sample: TextSample): ContrastResult {
  const bg = effectiveBackground(sample.backgrounds);
  const fg = blend(parseColor(sample.color), bg);
  const large = isLargeText(sample.fontSizePx, sample.fontWeight);
  return {
    ...sample,
    fg: hexOf(fg),
    bg: hexOf(bg),
    ratio: contrastRatio(fg, bg),
    large,
    required: large ? 3 : 4.5,
  };
}

export const failsAA = (r: ContrastResult) => r.ratio < r.required;

export const describeFailure = (r: ContrastResult) =>
  `${r.selector} "${r.text}": ${r.fg} on ${r.bg} = ${r.ratio.toFixed(2)}:1, needs ${r.required}:1 (${r.fontSizePx}px, weight ${r.fontWeight})`;

/**
 * Runs in the page (a string, so that nothing the test's transpiler adds to functions reaches the
 * browser): every rendered element with a non-whitespace text node of its own, as a TextSample.
 */
export const COLLECT_TEXT_SAMPLES = `(() => {
  const alpha = (c) => {
    if (c === "transparent") return 0;
    const parts = (/^rgba?\\((.*)\\)$/.exec(c)?.[1] ?? "").split(/[\\s,/]+/).filter(Boolean);
    return parts.length === 4 ? parseFloat(parts[3]) / (parts[3].endsWith("%") ? 100 : 1) : 1;
  };
  const step = (el) => {
    let s = el.localName;
    if (el.id) return s + "#" + el.id;
    if (typeof el.className === "string" && el.className.trim()) s += "." + el.className.trim().split(/\\s+/).join(".");
    const same = el.parentElement ? [...el.parentElement.children].filter((c) => c.localName === el.localName) : [];
    if (same.length > 1) s += ":nth-of-type(" + (same.indexOf(el) + 1) + ")";
    return s;
  };
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && e !== document.documentElement; e = e.parentElement) {
      parts.unshift(step(e));
      if (e.id) break;
    }
    return parts.join(" > ");
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (["script", "style", "noscript", "template", "option", "title", "desc"].includes(el.localName)) continue;
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== "");
    if (own.length === 0) continue;
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const rendered = own.some((n) => { const r = document.createRange(); r.selectNodeContents(n); return [...r.getClientRects()].some((q) => q.width > 0 && q.height > 0); });
    if (!rendered) continue;
    const style = getComputedStyle(el);
    const color = el instanceof SVGElement ? style.fill : style.color;
    const backgrounds = [];
    for (let e = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      const a = alpha(bg);
      if (a === 0) continue;
      backgrounds.push(bg);
      if (a >= 1) break;
    }
    out.push({
      selector: path(el),
      text: own.map((n) => n.textContent.trim()).join(" ").replace(/\\s+/g, " ").slice(0, 60),
      color,
      backgrounds,
      fontSizePx: parseFloat(style.fontSize),
      fontWeight: Number(style.fontWeight) || (style.fontWeight === "bold" ? 700 : 400),
    });
  }
  return out;
})()`;
