export type Progress = { tick(note?: string): void; done(): void };

export type CreateProgressParameters = {
  label: string;
  total: number;
  stream?: NodeJS.WriteStream;
};

/**
 * A progress bar with rate and ETA for long work (backfill, training, proving). On a terminal
 * it redraws one line; elsewhere (CI, logs) it prints a line at every 10%.
 */
export function createProgress({
  label,
  total,
  stream = process.stderr,
}: CreateProgressParameters): Progress {
  const started = Date.now();
  let done = 0;
  let lastDecile = -1;
  const render = (note = "") => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = done / Math.max(elapsed, 1e-9);
    const eta = rate > 0 ? (total - done) / rate : Infinity;
    const pct = total === 0 ? 100 : (100 * done) / total;
    const width = 30;
    const filled = Math.round((width * pct) / 100);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    return `${label} ${bar} ${done}/${total} ${pct.toFixed(1)}% ${rate.toFixed(2)}/s ETA ${formatSeconds(eta)}${note ? ` ${note}` : ""}`;
  };
  return {
    tick(note) {
      done++;
      if (stream.isTTY) stream.write(`\r${render(note)}\x1b[K`);
      else {
        const decile = Math.floor((10 * done) / Math.max(total, 1));
        if (decile !== lastDecile || done === total) {
          lastDecile = decile;
          stream.write(`${render(note)}\n`);
        }
      }
    },
    done() {
      if (stream.isTTY) stream.write("\n");
    },
  };
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "--";
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.floor(s % 60);
  return h > 0 ? `${h}h${String(m).padStart(2, "0")}m` : `${m}m${String(sec).padStart(2, "0")}s`;
}
