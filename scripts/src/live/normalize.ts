import type { ValueKind } from "./catalog.js";
import type { RawValue } from "./connection.js";

/**
 * One canonical text per value, so that a MySQL/MariaDB source and a PostgreSQL target that
 * hold the same data produce the same row text (and hash):
 * - integers and decimals: plain decimal notation, no leading "+", no trailing fractional zeros
 *   (DECIMAL(10,2) `12.50` and NUMERIC `12.5` are equal), `-0` is `0`;
 * - floats: the shortest text that round-trips the double;
 * - booleans and tinyint(1): `0` / `1`; BIT(n): its unsigned integer value;
 * - timestamps: `YYYY-MM-DDTHH:MM:SS.ffffff` in UTC (offsets applied, no zone suffix: a MySQL
 *   TIMESTAMP read in a UTC session and a PostgreSQL timestamp written by DMS look alike);
 * - times: `HH:MM:SS.ffffff`; dates `YYYY-MM-DD`;
 * - text as Unicode (bytes decoded as UTF-8); binary as lower-case hex;
 * - JSON re-serialised with sorted keys;
 * - NULL stays null, distinct from the empty string, in the JSON array that is the row text.
 */
export type Canonical = string | null;

function decimal(text: string): string {
  let s = text.trim();
  let negative = false;
  if (s.startsWith("-")) {
    negative = true;
    s = s.slice(1);
  } else if (s.startsWith("+")) {
    s = s.slice(1);
  }
  if (!/^\d*\.?\d*$/.test(s) || s === "" || s === ".") return text;
  let [whole = "", fraction = ""] = s.split(".");
  whole = whole.replace(/^0+(?=\d)/, "");
  if (whole === "") whole = "0";
  fraction = fraction.replace(/0+$/, "");
  const body = fraction === "" ? whole : `${whole}.${fraction}`;
  return negative && body !== "0" ? `-${body}` : body;
}

function float(value: RawValue): string {
  const n = typeof value === "number" ? value : Number(String(value));
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  return Object.is(n, -0) ? "0" : String(n);
}

function pad6(fraction: string | undefined): string {
  return (fraction ?? "").padEnd(6, "0").slice(0, 6);
}

function timestamp(text: string): string {
  const m = /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
    text.trim(),
  );
  if (!m) return text;
  const [, y, mo, d, h, mi, s, fraction, zone] = m;
  if (!zone || zone === "Z" || /^[+-]00(:?00)?$/.test(zone)) {
    return `${y}-${mo}-${d}T${h}:${mi}:${s}.${pad6(fraction)}`;
  }
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) - offsetMinutes * 60000;
  const iso = new Date(utc).toISOString(); // 2024-01-02T03:04:05.000Z
  return `${iso.slice(0, 19)}.${pad6(fraction)}`;
}

function time(text: string): string {
  const m = /^(-?\d+):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return text;
  const [, h = "", mi, s, fraction] = m;
  const hours = h.startsWith("-") ? `-${h.slice(1).padStart(2, "0")}` : h.padStart(2, "0");
  return `${hours}:${mi}:${s}.${pad6(fraction)}`;
}

function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortedJson((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

function asText(value: RawValue): string {
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}

function hex(value: RawValue): string {
  if (Buffer.isBuffer(value)) return value.toString("hex");
  const s = String(value);
  // PostgreSQL bytea in hex output format: \x0a0b...
  return s.startsWith("\\x") ? s.slice(2).toLowerCase() : Buffer.from(s, "utf8").toString("hex");
}

/** The canonical text of one value of the given kind. */
export function canonicalValue(kind: ValueKind, value: RawValue): Canonical {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "integer":
    case "decimal":
      if (typeof value === "number" || typeof value === "bigint") return decimal(String(value));
      if (value === "t" || value === "true") return "1";
      if (value === "f" || value === "false") return "0";
      return decimal(asText(value));
    case "float":
      return float(value);
    case "boolean": {
      const s = asText(value).toLowerCase();
      return s === "t" || s === "true" || s === "1" ? "1" : s === "f" || s === "false" || s === "0" ? "0" : s;
    }
    case "bit":
      return Buffer.isBuffer(value) ? BigInt(`0x${value.toString("hex") || "0"}`).toString() : decimal(asText(value));
    case "text":
      return asText(value);
    case "binary":
      return hex(value);
    case "date":
      return asText(value).slice(0, 10);
    case "timestamp":
      return timestamp(asText(value));
    case "time":
      return time(asText(value));
    case "json": {
      const s = asText(value);
      try {
        return JSON.stringify(sortedJson(JSON.parse(s)));
      } catch {
        return s;
      }
    }
    default:
      return Buffer.isBuffer(value) ? hex(value) : asText(value);
  }
}

/**
 * The kind two columns are compared as. A column classified differently on each side (MySQL
 * tinyint(1) -> PostgreSQL boolean, DATETIME -> timestamp) compares by the more specific kind.
 */
export function comparisonKind(source: ValueKind, target: ValueKind): ValueKind {
  if (source === target) return source;
  const pair = new Set([source, target]);
  if (pair.has("boolean") && (pair.has("integer") || pair.has("bit"))) return "boolean";
  if (pair.has("integer") && pair.has("decimal")) return "decimal";
  if (pair.has("bit") && pair.has("integer")) return "integer";
  if (pair.has("json") && pair.has("text")) return "json";
  if (pair.has("float") && (pair.has("decimal") || pair.has("integer"))) return "float";
  return source === "other" ? target : source;
}

/** The canonical row text: a JSON array, so NULL (null) and "" stay distinct and no separator can collide. */
export function canonicalRow(kinds: readonly ValueKind[], row: readonly RawValue[]): string {
  return JSON.stringify(kinds.map((kind, i) => canonicalValue(kind, row[i] ?? null)));
}
