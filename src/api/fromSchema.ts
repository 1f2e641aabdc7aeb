/**
 * The TypeScript type a JSON schema describes, so each route's one schema (`as const`) gives its
 * validation, its response serialization, its OpenAPI entry and its handler's types. Covers the
 * subset the routes use: object/array/string/integer/number/boolean/null, type unions written as
 * `type: [T, "null"]`, enum and const. (A small local type rather than a dependency such as
 * json-schema-to-ts: the routes need nothing more.)
 */
export type FromSchema<S> = S extends { readonly const: infer C }
  ? C
  : S extends { readonly enum: readonly (infer E)[] }
    ? E
    : S extends { readonly type: readonly (infer T)[] }
      ? T extends unknown
        ? FromSchema<Omit<S, "type"> & { readonly type: T }>
        : never
      : S extends { readonly type: "string" }
        ? string
        : S extends { readonly type: "integer" | "number" }
          ? number
          : S extends { readonly type: "boolean" }
            ? boolean
            : S extends { readonly type: "null" }
              ? null
              : S extends { readonly type: "array"; readonly items: infer I }
                ? readonly FromSchema<I>[]
                : S extends { readonly type: "object"; readonly properties: infer P }
                  ? ObjectFromSchema<
                      P,
                      S extends { readonly required: readonly (infer R)[] } ? R : never
                    > &
                      (S extends { readonly additionalProperties: true }
                        ? Record<string, unknown>
                        : unknown)
                  : S extends { readonly type: "object" }
                    ? Record<string, unknown>
                    : unknown;

type ObjectFromSchema<P, R> = Simplify<
  { -readonly [K in keyof P & R]: FromSchema<P[K]> } & {
    -readonly [K in Exclude<keyof P, R>]?: FromSchema<P[K]>;
  }
>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The parts of a route schema, as Fastify's route generic (Params, Querystring, Reply). */
export type RouteTypes<S> = {
  Params: S extends { readonly params: infer P } ? FromSchema<P> : unknown;
  Querystring: S extends { readonly querystring: infer Q } ? FromSchema<Q> : unknown;
  Reply: S extends { readonly response: { readonly 200: infer R } } ? FromSchema<R> : unknown;
};
