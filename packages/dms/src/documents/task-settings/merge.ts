/**
 * Merging task settings: an override onto a base, section by section.
 */
import { cloneJson, isPlainObject } from "../schema-helpers.js";
import type { TaskSettings } from "./types.js";

function mergeValues(base: unknown, override: unknown, path: string): unknown {
  if (override === undefined) return cloneJson(base);
  if (path === "Logging.LogComponents" && Array.isArray(base) && Array.isArray(override)) {
    return mergeLogComponents(base, override);
  }
  if (isPlainObject(base) && isPlainObject(override)) {
    const out: Record<string, unknown> = {};
    // defineProperty, not assignment: a JSON key "__proto__" must stay a key.
    const put = (k: string, v: unknown) =>
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    for (const [k, v] of Object.entries(base)) if (v !== undefined) put(k, cloneJson(v));
    for (const [k, v] of Object.entries(override)) {
      if (v === undefined) continue;
      put(k, mergeValues(Object.hasOwn(base, k) ? base[k] : undefined, v, path ? `${path}.${k}` : k));
    }
    return out;
  }
  return cloneJson(override);
}

function mergeLogComponents(base: unknown[], override: unknown[]): unknown[] {
  const out = base.map((c) => cloneJson(c));
  for (const c of override) {
    const id = isPlainObject(c) ? c.Id : undefined;
    const at = id === undefined ? -1 : out.findIndex((b) => isPlainObject(b) && b.Id === id);
    if (at >= 0) out[at] = mergeValues(out[at], c, "");
    else out.push(cloneJson(c));
  }
  return out;
}

/**
 * Deep-merge task settings: objects are merged key by key, arrays are replaced, except
 * Logging.LogComponents, which is merged by Id (an override entry replaces the base entry with the same
 * Id in place; new Ids are appended). Neither input is modified.
 */
export function mergeTaskSettings(base: TaskSettings, override: Partial<TaskSettings> | undefined): TaskSettings {
  return mergeValues(base, override, "") as TaskSettings;
}
