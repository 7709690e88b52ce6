import type { SecretOrigin } from "./graph.js";
import { innerStrings } from "./values.js";

/** What a secret input's value can be traced to, besides the resources it depends on. */
export interface SecretSources {
  /** The strings of secret config values (under `plan`, "[secret]": a `secure:` value it cannot decrypt). */
  secretConfig: string[];
  /** Plain config strings, each with the key holding it (`ns:key`, or `ns:key.a[0].b` inside a structured value). */
  plainConfig: Map<string, string>;
  /** Strings invokes (data sources) returned. */
  invoked: Set<string>;
  /** The values of the process's environment variables, each with its variable's name. */
  environment: Map<string, string>;
}

// Shorter strings (`dev`, `true`, a port) say nothing about where a password came from.
const MIN_TRACED = 6;

/** The strings of a config value, as the program may read them (a structured value's leaves too). */
function configStrings(value: unknown): string[] {
  return innerStrings(typeof value === "string" ? value : JSON.stringify(value));
}

/** The string leaves of a structured config value with their `--path` (`a.b[0]`). */
function configLeaves(value: unknown, path: string, out: Array<[string, string]>): void {
  if (typeof value === "string") {
    out.push([value, path]);
    if (/^\s*[[{]/.test(value)) {
      try {
        configLeaves(JSON.parse(value) as unknown, path, out);
      } catch {
        // Not JSON.
      }
    }
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) configLeaves(v, `${path}[${i}]`, out);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value))
      configLeaves(v, /^[A-Za-z_][\w-]*$/.test(k) ? `${path}.${k}` : `${path}["${k}"]`, out);
  }
}

/** Sources of one program run: its config (`secretKeys` the secret ones); invokes are added as they answer. */
export function secretSources(
  config: Readonly<Record<string, unknown>>,
  secretKeys: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): SecretSources {
  const secret = new Set(secretKeys);
  const sources: SecretSources = {
    secretConfig: [],
    plainConfig: new Map(),
    invoked: new Set(),
    environment: new Map(),
  };
  // A credential read from the environment (a CI secret under the real CLI) is not written in the code.
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && value.length >= MIN_TRACED && !sources.environment.has(value))
      sources.environment.set(value, name);
  }
  for (const [key, value] of Object.entries(config)) {
    if (secret.has(key)) {
      for (const s of configStrings(value)) if (s.length > 0) sources.secretConfig.push(s);
      continue;
    }
    const leaves: Array<[string, string]> = [];
    configLeaves(value, key, leaves);
    for (const [s, path] of leaves) {
      if (s.length >= MIN_TRACED && !sources.plainConfig.has(s)) sources.plainConfig.set(s, path);
    }
  }
  return sources;
}

/** Remember what an invoke returned (its strings of a useful length). */
export function recordInvoke(sources: SecretSources, result: unknown, ignore: readonly string[]): void {
  for (const s of innerStrings(result)) if (s.length >= MIN_TRACED && !ignore.includes(s)) sources.invoked.add(s);
}

/**
 * Where the value of a secret input came from (see SecretOrigin). `raw` is the serialized value as
 * the engine receives it, `dependencies` the input's propertyDependencies.
 */
export function secretOrigin(raw: unknown, dependencies: readonly string[], sources: SecretSources): SecretOrigin {
  if (dependencies.length > 0) return { from: "resource" };
  const strings = innerStrings(raw);
  if (strings.some((s) => sources.secretConfig.some((c) => s.includes(c)))) return { from: "secret-config" };
  if (strings.some((s) => sources.invoked.has(s))) return { from: "invoke" };
  // An unencrypted config key is reported even when an environment variable holds the same value.
  for (const s of strings) {
    const key = sources.plainConfig.get(s);
    if (key !== undefined) return { from: "config", key };
  }
  for (const s of strings) {
    const variable = sources.environment.get(s);
    if (variable !== undefined) return { from: "environment", variable };
  }
  return { from: "program" };
}
