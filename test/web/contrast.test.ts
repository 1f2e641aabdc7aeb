import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  checkContrast,
  contrastRatio,
  effectiveBackground,
  isLargeText,
  parseColor,
} from "./contrast.js";

describe("WCAG contrast helper", () => {
  const near = (actual: number, expected: number, eps = 0.01) =>
    assert.ok(Math.abs(actual - expected) < eps, `${actual} ≈ ${expected}`);

  it("computes the WCAG ratio for known pairs", () => {
    assert.equal(contrastRatio(parseColor("#000"), parseColor("#fff")), 21);
    near(contrastRatio(parseColor("#777"), parseColor("#fff")), 4.48);
    near(contrastRatio(parseColor("#fff"), parseColor("#777")), 4.48);
    assert.equal(contrastRatio(parseColor("rgb(10, 20, 30)"), parseColor("rgb(10 20 30)")), 1);
  });

  it("parses computed colours and blends translucent layers down to the first opaque one", () => {
    assert.deepEqual(parseColor("rgba(0, 0, 0, 0.5)"), { r: 0, g: 0, b: 0, a: 0.5 });
    assert.deepEqual(parseColor("rgb(0 0 0 / 50%)"), { r: 0, g: 0, b: 0, a: 0.5 });
    assert.deepEqual(effectiveBackground([]), { r: 255, g: 255, b: 255, a: 1 });
    assert.deepEqual(effectiveBackground(["rgba(0, 0, 0, 0.5)", "rgb(255, 255, 255)"]), {
      r: 127.5,
      g: 127.5,
      b: 127.5,
      a: 1,
    });
    const half = checkContrast({
      selector: "p",
      text: "x",
      color: "rgba(0, 0, 0, 0.5)",
      backgrounds: ["rgb(255, 255, 255)"],
      fontSizePx: 16,
      fontWeight: 400,
    });
    assert.equal(half.fg, "#808080");
    assert.equal(half.required, 4.5);
    assert.throws(() => parseColor("oklch(0.5 0.1 20)"), /unsupported colour/);
  });

  it("treats 24px, or 18.66px bold, as large text", () => {
    assert.equal(isLargeText(24, 400), true);
    assert.equal(isLargeText(23.9, 400), false);
    assert.equal(isLargeText(18.66, 700), true);
    assert.equal(isLargeText(18.66, 600), false);
    assert.equal(isLargeText(18, 700), false);
  });
});
