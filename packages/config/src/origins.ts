import { ConfigError } from "./errors.js";
import { NamingError } from "./naming.js";

/**
 * Where a component argument came from in a stack file: the config key as written there
 * (`dms-platform-foundation:network.vpcCidr`), and optionally the fix in the stack file's terms
 * when the component's own advice names arguments the stack file does not have.
 */
export type ArgOrigin = string | { key: string; rule: (componentRule: string) => string };

/**
 * Which config key fed which argument of each component a stack program declares, by the
 * component's label as its errors name it (`MigrationNetwork "network"`), then by argument path as
 * the component renders it (`cidrBlock`, `tasks`, `source.external`). The longest matching path
 * wins, and the rest of the path is kept (`tasks[0].tableMappings...` under `tasks`).
 */
export type ConfigOrigins = Record<string, Record<string, ArgOrigin>>;

/** Values that make up physical names (application, task names), each with the key it came from. */
export type NamePartOrigins = ReadonlyArray<{ value: string; key: string }>;

/**
 * A component's path in the config path syntax (`pulumi config set --path`): a key that is not an
 * identifier, such as DMS's `rule-type`, is written `["rule-type"]`.
 */
export function asConfigPath(path: string): string {
  return path.replace(/\.([^.[\]]+)/g, (whole, key: string) =>
    /^[A-Za-z_$][\w$]*$/.test(key) ? whole : `[${JSON.stringify(key)}]`,
  );
}

function startsPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/**
 * Turn an error a component threw for a value the stack schema let through into one naming the
 * stack file and the config key the value came from. A component ConfigError (`file` is the
 * component's label) is mapped through `origins`; a NamingError (a physical name too long or
 * malformed) names the config key of the name part that made it. Anything else is returned as is.
 */
export function relocateComponentError(
  err: unknown,
  file: string,
  origins: ConfigOrigins,
  nameParts: NamePartOrigins = [],
): unknown {
  if (err instanceof NamingError || (err instanceof Error && err.name === "NamingError")) {
    const e = err as NamingError;
    const part =
      nameParts.find((p) => p.value === e.parts.purpose) ?? nameParts.find((p) => p.value === e.parts.application);
    if (!part) return err;
    return new ConfigError(file, part.key, `makes the ${e.kind} name AWS refuses: ${e.rule}; shorten it`);
  }
  if (!(err instanceof Error) || err.name !== "ConfigError") return err;
  const e = err as ConfigError;
  const args = origins[e.file];
  if (!args) return err;
  const match = Object.keys(args)
    .filter((p) => startsPath(e.path, p))
    .sort((a, b) => b.length - a.length)[0];
  if (match === undefined) return err;
  const origin = args[match] as ArgOrigin;
  // The rest starts with "." or "[" (startsPath), so it appends as is.
  const path = `${typeof origin === "string" ? origin : origin.key}${asConfigPath(e.path.slice(match.length))}`;
  return new ConfigError(file, path, typeof origin === "string" ? e.rule : origin.rule(e.rule));
}
