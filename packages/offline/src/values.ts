import { SECRET, UNKNOWN } from "./graph.js";

// Signatures of Pulumi's wire format (sdk/nodejs/runtime/rpc.ts).
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

/**
 * Turn a serialized property value (as the engine receives it) into plain JSON for graphs and
 * policies: secrets become "[secret]", resource references their urn, output values their value
 * (or UNKNOWN), assets a small description. `secretPaths` collects the top-level keys holding a secret.
 */
export function plainValue(value: unknown, onSecret?: () => void): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => plainValue(v, onSecret));
  const obj = value as Record<string, unknown>;
  const sig = obj[SIG_KEY];
  if (typeof sig === "string") {
    switch (sig) {
      case SECRET_SIG:
        // A secret whose value is unknown until apply is unknown first (a preview shows it changing).
        if (plainValue(obj.value) === UNKNOWN) return UNKNOWN;
        onSecret?.();
        return SECRET;
      case RESOURCE_SIG:
        return obj.urn;
      case OUTPUT_SIG:
        if (!("value" in obj)) return UNKNOWN;
        if (obj.secret === true) {
          onSecret?.();
          return SECRET;
        }
        return plainValue(obj.value, onSecret);
      case ASSET_SIG:
        return { asset: obj.path ?? obj.uri ?? "(text)" };
      case ARCHIVE_SIG:
        return { archive: obj.path ?? obj.uri ?? "(assets)" };
      default:
        return SECRET;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = plainValue(v, onSecret);
  return out;
}

/** Plain JSON for every property of a serialized object; also returns the keys that held secrets. */
export function plainProperties(props: Record<string, unknown> | undefined): {
  values: Record<string, unknown>;
  secretKeys: Set<string>;
} {
  const values: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  for (const [k, v] of Object.entries(props ?? {})) {
    values[k] = plainValue(v, () => secretKeys.add(k));
  }
  return { values, secretKeys };
}

/** Wrap a value in the wire format's secret envelope. */
export function secretEnvelope(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** Replace UNKNOWN by a printable marker, recursively (for reports). */
export function displayValue(value: unknown): unknown {
  if (value === UNKNOWN) return "[unknown]";
  if (Array.isArray(value)) return value.map(displayValue);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = displayValue(v);
    return out;
  }
  return value;
}

/**
 * The strings inside a serialized value, secrets and output values unwrapped (resource references
 * and unknowns left out); a string holding a JSON object or array gives its own strings too.
 */
export function innerStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") {
    out.push(value);
    if (/^\s*[[{]/.test(value)) {
      try {
        innerStrings(JSON.parse(value) as unknown, out);
      } catch {
        // Not JSON: the string alone.
      }
    }
    return out;
  }
  if (value === null || typeof value !== "object") return out;
  if (Array.isArray(value)) {
    for (const v of value) innerStrings(v, out);
    return out;
  }
  const obj = value as Record<string, unknown>;
  const sig = obj[SIG_KEY];
  if (typeof sig === "string") {
    if (sig === SECRET_SIG || sig === OUTPUT_SIG) innerStrings(obj.value, out);
    return out;
  }
  for (const v of Object.values(obj)) innerStrings(v, out);
  return out;
}
