/**
 * Canonical JSON: object keys sorted (recursively), arrays in their order, no whitespace.
 * Table mappings and task settings are sent to AWS in this form so that the same document,
 * however its keys were ordered by the author, produces the same string — and a second
 * `pulumi preview` shows no diff.
 */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      // defineProperty, not assignment: a JSON key "__proto__" must stay a key, not set the prototype.
      if (v !== undefined)
        Object.defineProperty(out, key, {
          value: canonicalize(v),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return out;
  }
  return value;
}

/** The canonical JSON text of a value. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonicalize(value));
}
