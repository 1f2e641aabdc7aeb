export type CreateSecretCensorParameters = {
  /** Values of the secret settings (passwords, keys, URLs that may embed an API key). */
  secrets: readonly string[];
  censor?: string;
};

export type SecretCensor = (text: string) => string;

/** Shorter values are not worth hiding and would censor ordinary words (a password "a"). */
const MIN_SECRET_LENGTH = 6;

/**
 * Replaces every occurrence of a secret in a text: the value itself, its JSON-escaped and
 * percent-encoded forms, and for a URL the parts that carry credentials (the password, the path
 * and query where providers put API keys), since libraries such as viem print URLs normalised
 * (`new URL(...)`) inside their error messages, which end up in log lines and stored errors.
 */
export function createSecretCensor({
  secrets,
  censor = "[redacted]",
}: CreateSecretCensorParameters): SecretCensor {
  const needles = new Set<string>();
  const add = (value: string) => {
    if (value.length < MIN_SECRET_LENGTH) return;
    needles.add(value);
    needles.add(JSON.stringify(value).slice(1, -1));
    needles.add(encodeURIComponent(value));
  };
  for (const secret of secrets) {
    add(secret);
    const url = parseUrl(secret);
    if (!url) continue;
    add(url.href);
    add(decodeURIComponent(url.password));
    add(url.password);
    if (url.pathname.length > 1) add(url.pathname + url.search);
    if (url.search.length > 1) add(url.search);
  }
  // Longest first, so a URL is replaced whole before its path alone.
  const ordered = [...needles].sort((a, b) => b.length - a.length);
  if (ordered.length === 0) return (text) => text;
  const pattern = new RegExp(ordered.map(escapeRegExp).join("|"), "g");
  return (text) => text.replace(pattern, censor);
}

function parseUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.host ? url : undefined;
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
