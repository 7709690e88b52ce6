/** Whether a property holds a value (unset, null and "" are not set). */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}

/** A value as a message shows it: `true`, `"none"`, `[]`. */
export function show(value: unknown): string {
  return value === undefined ? "not set" : JSON.stringify(value);
}

/** `<property> is <value>` for messages, with "is not set" for unset values. */
export function describe(property: string, value: unknown, unsetNote?: string): string {
  if (!isSet(value)) return `${property} is not set${unsetNote ? ` (${unsetNote})` : ""}`;
  return `${property} is ${show(value)}`;
}

/** A JSON document given as a string or as an object; `undefined` when unset, `Error` when not valid JSON. */
export function jsonDocument(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch (err) {
    return new Error(err instanceof Error ? err.message : String(err));
  }
}

/** A plain object, or undefined. */
export function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** An array (a single value becomes a one-element array; unset becomes empty). */
export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
