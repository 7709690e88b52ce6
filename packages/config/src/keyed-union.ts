import { z } from "zod";

/**
 * A union of object shapes told apart by which key they have (`{ foundationOutput: ... }` or
 * `{ external: {...} }`). zod's own union reports a bad value as a bare "Invalid input"; this one
 * validates the value against the shape its key selects, so the error points inside it
 * (`sourceConnection.external.port: ...`), and a value with none of the keys gets one message
 * listing the accepted shapes.
 */
export function keyedUnion<const O extends Record<string, z.ZodType>>(
  options: O,
  /** The shapes, as the message lists them: `{ foundationOutput: labSource }`, ... */
  shapes: string,
): z.ZodType<z.output<O[keyof O]>, z.input<O[keyof O]>> {
  return z.unknown().transform((value, ctx) => {
    const key =
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? Object.keys(options).find((k) => k in value)
        : undefined;
    const schema = key !== undefined ? options[key] : undefined;
    if (!schema) {
      ctx.addIssue({ code: "custom", message: `must be one of ${shapes}`, input: value });
      return z.NEVER;
    }
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue(issue as unknown as Parameters<typeof ctx.addIssue>[0]);
      return z.NEVER;
    }
    return result.data as z.output<O[keyof O]>;
  }) as unknown as z.ZodType<z.output<O[keyof O]>, z.input<O[keyof O]>>;
}
