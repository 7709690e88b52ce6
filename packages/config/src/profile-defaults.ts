import { ENVIRONMENTS, type Environment, getProfile } from "./environments.js";

/** What {@link checkProfileDefaults} found in a source file. */
export interface ProfileDefaultsCheck {
  /** `field: profile.key` for every profile default the doc comments state. */
  checked: string[];
  /** Each doc comment whose `@default` disagrees with the profile or does not say which profile key. */
  problems: string[];
}

// `@default profile.azCount: dev 2, test 2, prod 3` (booleans as on/off); text may follow the prod value.
const STATEMENT = /profile\.([A-Za-z.]+): dev ([^\s,]+), test ([^\s,]+), prod ([^\s,)]+)/g;

function shown(value: unknown): string {
  if (typeof value === "boolean") return value ? "on" : "off";
  return String(value);
}

function profileValue(environment: Environment, path: string): unknown {
  let value: unknown = getProfile(environment);
  for (const key of path.split(".")) {
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/**
 * Check the `@default` texts of the doc comments in a component's args source against the environment
 * profiles: a default that mentions the profile must state it as `profile.<key>: dev …, test …, prod …`,
 * and each value must be the profile's. So an args interface, the documentation users read, cannot
 * drift from `ENVIRONMENT_PROFILES`.
 */
export function checkProfileDefaults(source: string, file: string): ProfileDefaultsCheck {
  const checked: string[] = [];
  const problems: string[] = [];
  for (const match of source.matchAll(/\/\*\*((?:[^*]|\*(?!\/))*)\*\/\s*(?:readonly\s+)?([A-Za-z_$][\w$]*)\??:/g)) {
    const text = (match[1] ?? "").replace(/^\s*\*\s?/gm, " ").replace(/\s+/g, " ");
    const field = match[2] ?? "";
    const at = text.indexOf("@default");
    if (at < 0) continue;
    const stated = text.slice(at + "@default".length).trim();
    if (!/profile/.test(stated)) continue;
    const statements = [...stated.matchAll(STATEMENT)];
    if (statements.length === 0) {
      problems.push(
        `${file}: ${field}: @default "${stated}" names no profile key (write profile.<key>: dev …, test …, prod …)`,
      );
      continue;
    }
    for (const [, key = "", ...values] of statements) {
      checked.push(`${field}: profile.${key}`);
      ENVIRONMENTS.forEach((environment, i) => {
        const expected = profileValue(environment, key);
        if (expected === undefined) {
          problems.push(`${file}: ${field}: profile.${key} is not a profile key`);
        } else if (values[i] !== shown(expected)) {
          problems.push(
            `${file}: ${field}: @default says ${environment} ${values[i]}, the ${environment} profile's ${key} is ${shown(expected)}`,
          );
        }
      });
    }
  }
  return { checked, problems: [...new Set(problems)] };
}
