/**
 * Errors raised while reading or validating configuration. Every error names the file it came
 * from, the key path inside it and the rule that was broken, so the CLI can print it as one line:
 * `Pulumi.prod.yaml: dms-platform-replication:migration.tasks[0].migrationType: must be one of ...`.
 */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(
    /** The file the value came from (a Pulumi.<stack>.yaml, a policy config, or "<args>" for component args). */
    readonly file: string,
    /** The key path inside the file, e.g. `dms-platform-replication:migration.tasks[1].migrationType`. */
    readonly path: string,
    /** The rule that was broken, in words. */
    readonly rule: string,
  ) {
    super(`${file}: ${path || "(root)"}: ${rule}`);
  }
}

/** Render a zod-style path (`["tasks", 1, "migrationType"]`) as `tasks[1].migrationType`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") {
      out += `[${part}]`;
    } else {
      const key = String(part);
      out += /^[A-Za-z_$][\w$-]*$/.test(key) ? (out === "" ? key : `.${key}`) : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** Join a prefix (`dms-platform-replication:migration`) and a relative path (`tasks[0].name`). */
export function joinPath(prefix: string, rest: string): string {
  if (!prefix) return rest;
  if (!rest) return prefix.endsWith(":") ? prefix.slice(0, -1) : prefix;
  return rest.startsWith("[") || prefix.endsWith(":") ? `${prefix}${rest}` : `${prefix}.${rest}`;
}
