import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { ConfigError } from "./errors.js";
import { type PulumiConfigFile, readPulumiConfigFile } from "./load.js";
import { parseYaml } from "./yaml.js";

/**
 * Project-level configuration, as the Pulumi CLI applies it to every stack of the project before the
 * program runs (Pulumi docs, "Configuration", section "Project Level Configuration", and "Project file
 * reference", `config` options; the merge is pulumi/pulumi sdk/go/common/workspace `mergeConfig`):
 *
 * - a key without a namespace is the project's (`name` is `<project>:name`);
 * - a value the stack file sets wins ("Stack level configuration using the same key supercedes the
 *   project level configuration");
 * - otherwise the project's `default`, else its `value`, is the stack's value;
 * - a key of the project's namespace declared with neither, and absent from the stack, fails the
 *   stack ("Stack '<stack>' is missing configuration value '<key>'");
 * - a declared `type` (string, integer, boolean, array) is checked against the stack's value, and
 *   `secret: true` requires the stack's value to be encrypted ("must be encrypted as it's secret").
 */
export interface ProjectConfigEntry {
  value?: unknown;
  default?: unknown;
  type?: "string" | "integer" | "boolean" | "array";
  items?: { type: "string" | "integer" | "boolean" | "array"; items?: ProjectConfigEntry["items"] };
  secret?: boolean;
  description?: string;
}

const ENTRY_KEYS = new Set(["value", "default", "type", "items", "secret", "description"]);
const TYPES = new Set(["string", "integer", "boolean", "array"]);

/** A Pulumi.yaml, as far as config goes: the project name and its project-level config by full key. */
export interface ProjectConfig {
  path: string;
  name: string;
  config: Record<string, ProjectConfigEntry>;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Read the config-related part of a Pulumi.yaml. What the CLI would read elsewhere and `plan` does
 * not model is refused in one line: `stackConfigDir` (and the deprecated `config: <directory>`),
 * which move the stack files away from Pulumi.yaml.
 */
export function parseProjectConfig(text: string, path: string): ProjectConfig {
  const { value: root } = parseYaml(text, path);
  if (!isObject(root)) throw new ConfigError(path, "", "must be a YAML mapping (name, runtime, ...)");
  const name = typeof root.name === "string" ? root.name : "";
  const dir = root.stackConfigDir;
  if (dir !== undefined && dir !== "." && dir !== "./") {
    throw new ConfigError(
      path,
      "stackConfigDir",
      `plan does not model stackConfigDir: it reads Pulumi.<stack>.yaml beside Pulumi.yaml, where the CLI would not look; move the stack files there and remove stackConfigDir (got ${JSON.stringify(dir)})`,
    );
  }
  const raw = root.config;
  if (typeof raw === "string") {
    throw new ConfigError(
      path,
      "config",
      `plan does not model a config directory (the deprecated form of stackConfigDir): move the stack files beside Pulumi.yaml and remove it (got ${JSON.stringify(raw)})`,
    );
  }
  if (raw !== undefined && raw !== null && !isObject(raw)) {
    throw new ConfigError(path, "config", "must be a mapping of config key to value or declaration");
  }
  const config: Record<string, ProjectConfigEntry> = {};
  for (const [key, entry] of Object.entries(raw ?? {})) {
    const fullKey = key.includes(":") ? key : `${name}:${key}`;
    if (!isObject(entry)) {
      config[fullKey] = { value: entry };
      continue;
    }
    const unknown = Object.keys(entry).filter((k) => !ENTRY_KEYS.has(k));
    if (unknown.length > 0 || !("value" in entry || "type" in entry || "default" in entry)) {
      throw new ConfigError(
        path,
        `config.${key}`,
        `a structured value needs \`value:\` (project-level config: ${unknown.length ? `unknown ${unknown.map((k) => `"${k}"`).join(", ")}` : "no value, type or default"}); declare it as { value } or { type, default, description, secret, items }`,
      );
    }
    if (entry.type !== undefined && !TYPES.has(String(entry.type))) {
      throw new ConfigError(
        path,
        `config.${key}.type`,
        `must be one of string, integer, boolean, array (got ${JSON.stringify(entry.type)})`,
      );
    }
    if (entry.type !== undefined && !fullKey.startsWith(`${name}:`)) {
      throw new ConfigError(
        path,
        `config.${key}.type`,
        "a type declaration is only valid for the project's own keys; set a provider key with a value",
      );
    }
    config[fullKey] = entry as ProjectConfigEntry;
  }
  return { path, name, config };
}

function matchesType(type: string, items: ProjectConfigEntry["items"], value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value !== "object" || value === null;
    case "integer":
      return Number.isInteger(typeof value === "string" ? Number(value) : value) && String(value).trim() !== "";
    case "boolean":
      return value === true || value === false || value === "true" || value === "false";
    case "array":
      return Array.isArray(value) && (!items || value.every((v) => matchesType(items.type, items.items, v)));
    default:
      return false;
  }
}

/** The stack file's values with the project's config applied, as the CLI passes them to the program. */
export function applyProjectConfig(file: PulumiConfigFile, project: ProjectConfig, stack: string): PulumiConfigFile {
  const values = { ...file.values };
  for (const key of Object.keys(project.config).sort()) {
    const entry = project.config[key] as ProjectConfigEntry;
    if (!(key in values)) {
      if ("default" in entry) values[key] = entry.default;
      else if ("value" in entry) values[key] = entry.value;
      else if (key.startsWith(`${project.name}:`)) {
        throw new ConfigError(
          file.path,
          key,
          `is required: ${project.path} declares it without a value or default, and the CLI refuses stack "${stack}" without it`,
        );
      }
      continue;
    }
    const secure = file.secureKeys.includes(key);
    if (entry.secret === true && !secure) {
      throw new ConfigError(
        file.path,
        key,
        `must be encrypted (\`pulumi config set --secret\`): ${project.path} declares it secret, and the CLI refuses a plaintext value`,
      );
    }
    // An encrypted value is checked by the CLI after decryption; plan cannot.
    if (entry.type !== undefined && !secure && !matchesType(entry.type, entry.items, values[key])) {
      throw new ConfigError(
        file.path,
        key,
        `must be of type ${entry.type === "array" && entry.items ? `array of ${entry.items.type}` : entry.type}, as ${project.path} declares (got ${JSON.stringify(values[key])})`,
      );
    }
  }
  return { ...file, values };
}

/**
 * A stack's configuration as the Pulumi CLI gives it to the program: its Pulumi.<stack>.yaml, with
 * the project-level config of the Pulumi.yaml beside it applied. Errors name the file they come from.
 */
export function readStackConfig(stackFile: string, stack: string): PulumiConfigFile {
  const file = readPulumiConfigFile(stackFile);
  const projectPath = join(dirname(stackFile), "Pulumi.yaml");
  if (!existsSync(projectPath)) return file;
  let text: string;
  try {
    text = readFileSync(projectPath, "utf8");
  } catch (err) {
    throw new ConfigError(projectPath, "", `cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  return applyProjectConfig(file, parseProjectConfig(text, projectPath), stack);
}
