import type { FastifyInstance } from "fastify";
import { ApiError } from "./apiError.js";

/**
 * Query parameters are coerced by Ajv, which reads "\v9" or " 9 " as the integer 9: a request
 * that breaks the documented schema would be answered as if it were valid. No parameter of this
 * API is meaningful with surrounding whitespace or control characters, so those are refused (400)
 * before validation.
 */
export function refusePaddedParameters(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const query = request.query as Record<string, unknown> | undefined;
    for (const [name, value] of Object.entries(query ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
        if (typeof v === "string" && /^\s|\s$|[\u0000-\u001f\u007f]/.test(v)) {
          throw new ApiError(
            "invalid-parameter",
            `Query parameter "${name}" has surrounding whitespace or control characters`,
            { parameter: name, in: "query" },
          );
        }
      }
    }
  });
}
