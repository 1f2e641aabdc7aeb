import { h, svg } from "../dom.js";

export type ScorePoint = { epoch: number; scoreBps: number };
export type RenderScoreChartParameters = {
  points: readonly ScorePoint[];
  title: string;
  width?: number;
  height?: number;
};

/**
 * A score history as an inline SVG line chart (no chart service, no library): epochs on x, score
 * in bps on y from 0 to a rounded maximum, with a text alternative for screen readers.
 */
export function renderScoreChart({
  points,
  title,
  width = 640,
  height = 240,
}: RenderScoreChartParameters): HTMLElement {
  const sorted = [...points].sort((a, b) => a.epoch - b.epoch);
  const pad = { left: 56, right: 16, top: 16, bottom: 36 };
  const innerW = width - pad.left - pad.right;
  const innerH = height - pad.top - pad.bottom;
  const maxScore = niceCeiling(Math.max(100, ...sorted.map((p) => p.scoreBps)));
  const first = sorted[0]?.epoch ?? 0;
  const last = sorted.at(-1)?.epoch ?? 1;
  const x = (epoch: number) =>
    pad.left + (last === first ? innerW / 2 : ((epoch - first) / (last - first)) * innerW);
  const y = (bps: number) => pad.top + innerH - (bps / maxScore) * innerH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * maxScore));
  const summary =
    sorted.length === 0
      ? "No scores yet."
      : `${sorted.length} scores from epoch ${first} to ${last}; lowest ${Math.min(...sorted.map((p) => p.scoreBps))} bps, highest ${Math.max(...sorted.map((p) => p.scoreBps))} bps, latest ${sorted.at(-1)!.scoreBps} bps.`;

  const chart = svg(
    "svg",
    {
      viewBox: `0 0 ${width} ${height}`,
      width,
      height,
      role: "img",
      "aria-labelledby": "chart-title chart-desc",
    },
    svg("title", { id: "chart-title" }, title),
    svg("desc", { id: "chart-desc" }, summary),
    ticks.flatMap((t) => [
      svg("line", { class: "chart-grid", x1: pad.left, x2: width - pad.right, y1: y(t), y2: y(t) }),
      svg(
        "text",
        { class: "chart-label", x: pad.left - 6, y: y(t) + 4, "text-anchor": "end" },
        String(t),
      ),
    ]),
    svg("line", {
      class: "chart-axis",
      x1: pad.left,
      x2: pad.left,
      y1: pad.top,
      y2: pad.top + innerH,
    }),
    svg("line", {
      class: "chart-axis",
      x1: pad.left,
      x2: width - pad.right,
      y1: pad.top + innerH,
      y2: pad.top + innerH,
    }),
    svg("text", { class: "chart-label", x: pad.left, y: height - 8 }, `epoch ${first}`),
    svg(
      "text",
      { class: "chart-label", x: width - pad.right, y: height - 8, "text-anchor": "end" },
      `epoch ${last}`,
    ),
    svg(
      "text",
      {
        class: "chart-label",
        x: 12,
        y: pad.top + innerH / 2,
        transform: `rotate(-90 12 ${pad.top + innerH / 2})`,
        "text-anchor": "middle",
      },
      "score (bps)",
    ),
    sorted.length > 1
      ? svg("polyline", {
          class: "chart-line",
          points: sorted
            .map((p) => `${x(p.epoch).toFixed(1)},${y(p.scoreBps).toFixed(1)}`)
            .join(" "),
        })
      : null,
    sorted.map((p) =>
      svg(
        "circle",
        { class: "chart-point", cx: x(p.epoch).toFixed(1), cy: y(p.scoreBps).toFixed(1), r: 3 },
        svg("title", {}, `epoch ${p.epoch}: ${p.scoreBps} bps`),
      ),
    ),
  );
  return h("figure", {}, chart, h("figcaption", {}, summary));
}

/** 1, 2 or 5 times a power of ten, at least `value`. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((v) => v >= value)!;
}
