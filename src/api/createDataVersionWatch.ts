import type pg from "pg";

export type CreateDataVersionWatchParameters = {
  pool: pg.Pool;
  /** How often the version is read: the longest a cached answer can outlive a change. */
  intervalMs?: number;
  /** Called whenever the version moves (and once at the first reading). */
  onChange: () => void;
};

export type DataVersionWatch = { close(): void };

/**
 * A fingerprint of everything an operator's answer depends on — the newest scoring run, every
 * report's status (a report moving from proven to posted or failed leaves any count of
 * non-pending reports unchanged, so the statuses themselves are hashed), and the operator/pool
 * names — read every `intervalMs`. Routes cache
 * serialized answers and drop them when it moves, so a hot lookup costs no query while the data
 * is unchanged, and a change is visible within one interval.
 */
export function createDataVersionWatch({
  pool,
  intervalMs = 1_000,
  onChange,
}: CreateDataVersionWatchParameters): DataVersionWatch {
  let version: string | undefined;
  let closed = false;
  const read = async () => {
    try {
      const { rows } = await pool.query<{ v: string }>({
        name: "api_data_version",
        text: `SELECT concat_ws(':', (SELECT max(epoch) FROM score_run), (SELECT max(id) FROM report),
                 (SELECT md5(coalesce(string_agg(id || ':' || status, ',' ORDER BY id), '')) FROM report),
                 (SELECT md5(string_agg(o.id || '|' || o.name || '|' || coalesce(o.pool_id, '') || '|' || coalesce(p.name, ''), ',' ORDER BY o.id))
                  FROM operator o LEFT JOIN pool p ON p.id = o.pool_id)) AS v`,
      });
      if (rows[0].v !== version) {
        version = rows[0].v;
        onChange();
      }
    } catch {
      // Unknown state: drop everything cached rather than serve answers of unknown age.
      version = undefined;
      onChange();
    }
  };
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    if (closed) return;
    timer = setTimeout(() => void read().finally(loop), intervalMs);
    timer.unref();
  };
  void read().finally(loop);
  return {
    close() {
      closed = true;
      clearTimeout(timer);
    },
  };
}
