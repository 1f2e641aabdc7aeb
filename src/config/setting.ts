/**
 * A setting is data: its environment variable, type, default, description and whether it is a
 * secret. The same table validates the environment at start-up and renders docs/configuration.md.
 */
export type SettingType =
  | "string"
  | "number"
  | "integer"
  | "boolean"
  | "url"
  | "urlList"
  | "enum"
  | "address"
  | "list";

/**
 * What each item of a `list` must be: a URL, a browser origin (`scheme://host[:port]`, or `*`),
 * (with `options`) one of the options, or a trusted proxy (an IP address or CIDR range; or a hop count, alone).
 */
export type ListItem = "url" | "origin" | "option" | "proxy";

type ValueOf<T extends SettingType, E extends readonly string[]> = T extends "number" | "integer"
  ? number
  : T extends "boolean"
    ? boolean
    : T extends "urlList"
      ? readonly string[]
      : T extends "enum"
        ? E[number]
        : string;

export type Setting<
  T extends SettingType = SettingType,
  E extends readonly string[] = readonly string[],
> = {
  type: T;
  description: string;
  /** Omitted means required. */
  default?: ValueOf<T, E>;
  /** Secrets are never logged or echoed back in error messages. */
  secret?: boolean;
  options?: E;
  min?: number;
  max?: number;
  /** An integer that must be a multiple of this (a batch that fills whole storage words). */
  multipleOf?: number;
  /** For `list`: what each comma-separated item must be. The value stays the normalized string. */
  items?: ListItem;
};

export type SettingValue<S> = S extends Setting<infer T, infer E> ? ValueOf<T, E> : never;

/** Identity helper that keeps literal types so `Config` can be inferred from the table. */
export function setting<
  const T extends SettingType,
  const E extends readonly string[] = readonly string[],
>(s: Setting<T, E>): Setting<T, E> {
  return s;
}
