import { z } from "zod";
import { describeValue } from "./errors.js";
import { closestKey } from "./task-settings-catalogue.js";

type IssueLike = { input?: unknown };

/** An error function: "is required" for a missing value, otherwise `must be <what> (got <value>)`. */
export function mustBe(what: string): (iss: IssueLike) => string {
  return (iss) => (iss.input === undefined ? "is required" : `must be ${what} (got ${describeValue(iss.input)})`);
}

/**
 * One of a fixed list of strings; the message lists them (`must be one of a, b, c for a selection rule (got "x")`)
 * and names the value probably meant when the one given is a slip of case or a letter or two.
 */
export function oneOf<const T extends readonly [string, ...string[]]>(values: T, context?: string) {
  const base = mustBe(`one of ${values.join(", ")}${context ? ` ${context}` : ""}`);
  return z.enum(values, {
    error: (iss: IssueLike) => {
      const near = typeof iss.input === "string" ? closestKey(iss.input, values) : undefined;
      return near === undefined ? base(iss) : `${base(iss)} (did you mean "${near}"?)`;
    },
  });
}

/** An integer in [min, max] (max optional). */
export function intIn(min: number, max?: number) {
  const what = max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
  const error = mustBe(what);
  const base = z.number({ error }).int({ error }).min(min, { error });
  return max === undefined ? base : base.max(max, { error });
}

/** A JSON boolean. */
export function bool() {
  return z.boolean({ error: mustBe("true or false") });
}

/** A non-empty string. */
export function text(what = "a non-empty string") {
  const error = mustBe(what);
  return z.string({ error }).min(1, { error });
}

/** A plain JSON object (not an array, not null). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A deep copy of a JSON value (documents are returned as copies so callers cannot alias the input). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
