import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { z } from "zod";
import { checkConfigNamespaces, suggestion } from "./config-keys.js";
import { ConfigError, formatPath, joinPath } from "./errors.js";
import { parseYaml } from "./yaml.js";

/** Placeholder for a `secure:` config value, which cannot be decrypted without the stack's key. */
export const SECURE_PLACEHOLDER = "[secret]";

/** A Pulumi.<stack>.yaml file, read. */
export interface PulumiConfigFile {
  /** Path as given. */
  path: string;
  /** The `config:` map: `namespace:key` -> value (structured values as objects, `secure:` values as SECURE_PLACEHOLDER). */
  values: Record<string, unknown>;
  /** Keys whose value is `secure:` (encrypted) in the file. */
  secureKeys: string[];
}

function isSecureValue(v: unknown): v is { secure: string } {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && "secure" in v;
}

function replaceSecure(v: unknown): { value: unknown; secure: boolean } {
  if (isSecureValue(v)) return { value: SECURE_PLACEHOLDER, secure: true };
  if (Array.isArray(v)) {
    let secure = false;
    const value = v.map((e) => {
      const r = replaceSecure(e);
      secure ||= r.secure;
      return r.value;
    });
    return { value, secure };
  }
  if (typeof v === "object" && v !== null) {
    let secure = false;
    const value: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) {
      const r = replaceSecure(e);
      secure ||= r.secure;
      value[k] = r.value;
    }
    return { value, secure };
  }
  return { value: v, secure: false };
}

/** Parse the text of a Pulumi.<stack>.yaml; errors name the file. */
export function parsePulumiConfigText(text: string, path: string): PulumiConfigFile {
  const file = basename(path);
  const { value: root } = parseYaml(text, file);
  if (root === null || root === undefined) return { path, values: {}, secureKeys: [] };
  if (typeof root !== "object" || Array.isArray(root)) throw new ConfigError(file, "", "must be a YAML mapping");
  if ("environment" in (root as object)) {
    // Pulumi ESC: the CLI opens the environment(s) and merges their pulumiConfig under the file's
    // config (Pulumi docs, "Configuration", "Using Pulumi ESC from Pulumi Stack Config"; pulumi/pulumi
    // sdk/go/common/workspace, mergeConfig). Their values live in Pulumi Cloud, which plan cannot read.
    throw new ConfigError(
      file,
      "environment",
      "plan does not model Pulumi ESC environments (their values live in Pulumi Cloud): write the values the stack needs under config:, or check the stack with `pulumi preview`",
    );
  }
  const config = (root as Record<string, unknown>).config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new ConfigError(file, "config", "must be a mapping of namespace:key to value");
  }
  const values: Record<string, unknown> = {};
  const secureKeys: string[] = [];
  for (const [key, raw] of Object.entries(config as Record<string, unknown>)) {
    if (!/^[^:\s]+:[^:\s]+$/.test(key)) {
      throw new ConfigError(file, `config.${key}`, 'keys must be "namespace:key" (e.g. aws:region)');
    }
    const { value, secure } = replaceSecure(raw);
    values[key] = value;
    if (secure) secureKeys.push(key);
  }
  return { path, values, secureKeys };
}

/**
 * Read and parse a Pulumi.<stack>.yaml; a missing, unreadable or malformed file is a ConfigError
 * naming the path as given (every caller's one-line error then says which stack's file it is).
 */
export function readPulumiConfigFile(path: string): PulumiConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(path, "", code === "ENOENT" ? "file not found" : `cannot read (${code ?? String(err)})`);
  }
  try {
    return parsePulumiConfigText(text, path);
  } catch (err) {
    if (err instanceof ConfigError && err.file === basename(path)) throw new ConfigError(path, err.path, err.rule);
    throw err;
  }
}

/** A short JSON rendering of an offending value, for `(got ...)` in error messages. */
export function describeValue(input: unknown): string {
  if (input === undefined) return "nothing";
  let s: string;
  try {
    s = JSON.stringify(input) ?? String(input);
  } catch {
    s = String(input);
  }
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

const TYPE_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
  object: "a mapping (key: value)",
  array: "a list",
  record: "a mapping (key: value)",
};

const FORMAT_NAMES: Record<string, string> = {
  datetime: "an RFC 3339 date and time such as 2026-11-29T08:00:00Z",
  date: "a date such as 2026-11-29",
  email: "an e-mail address",
  url: "a URL",
  uuid: "a UUID",
};

/**
 * zod's default messages in the words of a stack file: "Invalid input: expected string, received
 * number" becomes "must be a string", an enum's "Invalid option: expected one of ..." becomes
 * "must be one of a, b", a union's bare "Invalid input" names what each accepted form wanted.
 * Messages a schema wrote itself are kept.
 */
function readableRule(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && /^Invalid input/.test(issue.message)) {
    return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  }
  if (issue.code === "invalid_value" && /^Invalid (input|option)/.test(issue.message)) {
    const values = issue.values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
    return values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(", ")}`;
  }
  if (issue.code === "invalid_format" && /^Invalid /.test(issue.message)) {
    return `must be ${FORMAT_NAMES[issue.format] ?? `a valid ${issue.format}`}`;
  }
  if ((issue.code === "too_small" || issue.code === "too_big") && /^Too (small|big)/.test(issue.message)) {
    const small = issue.code === "too_small";
    const bound = String(small ? issue.minimum : issue.maximum);
    const inclusive = issue.inclusive !== false;
    const relation = small ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "less than";
    if (issue.origin === "string") return `must have ${relation} ${bound} character${bound === "1" ? "" : "s"}`;
    if (issue.origin === "array" || issue.origin === "set")
      return `must list ${relation} ${bound} item${bound === "1" ? "" : "s"}`;
    return `must be ${relation} ${bound}`;
  }
  if (issue.code === "invalid_union" && /^Invalid input/.test(issue.message)) {
    const forms = issue.errors
      .map((branch) => branch[0])
      .filter((i): i is z.core.$ZodIssue => i !== undefined)
      .map((i) => `${formatPath(i.path) || "the value"} ${readableRule(i)}`);
    return forms.length
      ? `matches none of the accepted forms: ${forms.join("; or ")}`
      : "matches none of the accepted forms";
  }
  return issue.message;
}

/** Turn the first zod issue into a ConfigError naming file, path and rule. */
export function configErrorFromZod(error: z.ZodError, file: string, prefix: string): ConfigError {
  const issue = error.issues[0];
  if (!issue) return new ConfigError(file, prefix, "invalid");
  const path = joinPath(prefix, formatPath(issue.path));
  let rule = readableRule(issue);
  if (issue.code === "unrecognized_keys") {
    rule = `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
  } else if ("input" in issue && !/\(got /.test(rule)) {
    rule = `${rule} (got ${describeValue(issue.input)})`;
  }
  const err = new ConfigError(file, path, rule);
  (err as ConfigError & { issues?: unknown }).issues = error.issues;
  return err;
}

/** Validate a value against a schema; a failure is a ConfigError naming `file` and `prefix`+path. */
export function parseWithSchema<S extends z.ZodType>(
  schema: S,
  value: unknown,
  file: string,
  prefix = "",
): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw configErrorFromZod(result.error, file, prefix);
  return result.data;
}

/**
 * Validate the `namespace:*` keys of a stack's config against an object schema whose keys are the
 * bare config keys. Values may come from a YAML file (typed) or from the Pulumi runtime (every
 * top-level value a string, structured values as JSON): strings are JSON-decoded where the schema
 * wants something other than a string. Keys of the namespace the schema does not know are errors.
 */
export function parseStackConfig<S extends z.ZodObject>(
  schema: S,
  values: Readonly<Record<string, unknown>>,
  options: {
    file: string;
    namespace: string;
    /**
     * Keys whose value is a secret (`secure:` in the stack file; under the CLI,
     * PULUMI_CONFIG_SECRET_KEYS). `plan` cannot decrypt them and passes SECURE_PLACEHOLDER, which
     * a `secretable` field accepts; anywhere else the literal text is refused.
     */
    secretKeys?: readonly string[];
  },
): z.output<S> {
  const { file, namespace } = options;
  // Keys of other namespaces nobody reads (a misspelt project name, `aws:regoin`) are refused too.
  checkConfigNamespaces(values, file, namespace);
  const shape = schema.shape as Record<string, z.ZodType>;
  const bare: Record<string, unknown> = {};
  for (const [fullKey, raw] of Object.entries(values)) {
    const sep = fullKey.indexOf(":");
    const ns = sep < 0 ? namespace : fullKey.slice(0, sep);
    const key = sep < 0 ? fullKey : fullKey.slice(sep + 1);
    if (ns !== namespace) continue;
    const fieldSchema = shape[key];
    if (!fieldSchema) {
      throw new ConfigError(
        file,
        `${namespace}:${key}`,
        `unknown config key: the stack would ignore it; ${suggestion(key, Object.keys(shape), (k) => `${namespace}:${k}`)}`,
      );
    }
    const value = coerceRuntimeValue(fieldSchema, raw);
    if (options.secretKeys && !options.secretKeys.includes(fullKey)) {
      const path = placeholderPaths(value)[0];
      if (path !== undefined) {
        throw new ConfigError(
          file,
          joinPath(`${namespace}:${key}`, path),
          `is the text "${SECURE_PLACEHOLDER}", which only stands for an encrypted value: set the value itself, or encrypt it with \`pulumi config set --secret\``,
        );
      }
    }
    bare[key] = value;
  }
  const result = schema.safeParse(bare, { reportInput: true });
  if (!result.success) throw configErrorFromZod(result.error, file, `${namespace}:`);
  return result.data;
}

function coerceRuntimeValue(fieldSchema: z.ZodType, raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  if (fieldSchema.safeParse(raw).success) return raw;
  try {
    const decoded: unknown = JSON.parse(raw);
    return decoded;
  } catch {
    return raw;
  }
}

/** The `<provider>:*` keys of a config (e.g. `aws:region`), keyed by bare name. */
export function providerConfig(values: Readonly<Record<string, unknown>>, provider: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (k.startsWith(`${provider}:`)) out[k.slice(provider.length + 1)] = v;
  }
  return out;
}

/** Paths (`a.b[0]`) of the SECURE_PLACEHOLDER strings inside a value. */
export function placeholderPaths(value: unknown, at: PropertyKey[] = []): string[] {
  if (value === SECURE_PLACEHOLDER) return [formatPath(at)];
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholderPaths(v, [...at, i]));
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => placeholderPaths(v, [...at, k]));
  }
  return [];
}

/**
 * A config field that may hold a secret (`secure:` in the stack file): `plan` cannot decrypt it and
 * sees SECURE_PLACEHOLDER, which is accepted as is; any other value must pass `schema` (under the
 * CLI the program sees the decrypted value, so the same check runs on it then). Errors keep the
 * schema's own messages and paths.
 */
export function secretable<S extends z.ZodType>(schema: S): S {
  return z.unknown().transform((value, ctx) => {
    if (value === SECURE_PLACEHOLDER) return value as z.output<S>;
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue(issue as unknown as Parameters<typeof ctx.addIssue>[0]);
      return z.NEVER;
    }
    return result.data as z.output<S>;
  }) as unknown as S;
}
