import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, isAbsolute, join, relative, resolve, sep } from "node:path";
import { ConfigError, type Environment, parseYaml } from "@dms-platform/config";
import type { Violation } from "@dms-platform/offline";
import { CliError } from "../errors.js";
import { planLabel, runPlan } from "../plan/run-plan.js";
import type { PlanRegistry } from "../stacks.js";
import { type FileWrite, type WriteOps, writeFilesAtomically } from "./atomic-write.js";
import { type KeyChange, promoteText } from "./edit.js";
import { PROMOTIONS, promotionOf } from "./promotable.js";

export interface PromoteOptions {
  from: Environment;
  to: Environment;
  /** Directory holding `<stack>/Pulumi.<env>.yaml`. */
  stacksDir: string;
  /** The repository root: paths in messages are relative to it when inside it. */
  root: string;
  /** The stacks to promote and plan, and the policy pack the target is checked with. */
  registry: PlanRegistry;
  /** Print what would change and the verdict; write nothing. */
  dryRun: boolean;
  /**
   * The migration to promote (a named migration, or the primary's application), or "all": every
   * migration and the foundation. A single migration leaves the foundation alone. @default "all"
   */
  migration?: string;
  /** How files are replaced (tests interrupt it). @default nodeWriteOps */
  writeOps?: WriteOps;
  /** Progress lines (stderr). */
  onProgress?(line: string): void;
}

/** One stack's target file, promoted. */
export interface FilePromotion {
  stack: string;
  /** The migration a replication file holds (a named one, or the primary's application). */
  migration?: string;
  /** Absolute path of the target file. */
  path: string;
  /** The path as messages show it (relative to the repository root when inside it). */
  shown: string;
  oldText: string;
  newText: string;
  changes: KeyChange[];
}

/** A target-environment violation, on the would-be files. */
export interface PromotionViolation extends Violation {
  stack: string;
  /** The stack config the violation comes from, as messages show it. */
  configFile: string;
}

/** A migration `--migration all` left out, and why (one that lives in the source environment only). */
export interface SkippedMigration {
  migration: string;
  /** The source file it was found in, as shown. */
  source: string;
  reason: string;
}

export interface PromotionResult {
  from: Environment;
  to: Environment;
  /** The migration promoted, or "all" (every migration and the foundation). */
  migration: string;
  dryRun: boolean;
  files: FilePromotion[];
  /** The policy config the target was checked with (`policies/config/test.json`). */
  policyConfigFile: string;
  violations: PromotionViolation[];
  /** Migrations `all` did not promote, each with the reason (`--migration NAME` refuses instead). */
  skipped: SkippedMigration[];
  /** The files replaced (as shown); empty on a dry run, on a failing verdict or when nothing changed. */
  written: string[];
}

/** Refuse anything but one step along dev -> test -> prod. */
export function checkPromotion(from: string, to: string): void {
  if (PROMOTIONS.some((p) => p.from === from && p.to === to)) return;
  const allowed = PROMOTIONS.map((p) => `${p.from} -> ${p.to}`).join(", ");
  const hint =
    from === "dev" && to === "prod"
      ? "; promote dev -> test, deploy and check test, then promote test -> prod"
      : from === to
        ? "; the source and the target are the same environment"
        : "";
  throw new CliError(
    `cannot promote ${from} -> ${to}: promotions go one step along dev -> test -> prod (${allowed})${hint}`,
  );
}

function displayPath(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return path;
  return rel.split(sep).join("/");
}

function readConfigText(path: string, shown: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(shown, "", code === "ENOENT" ? "file not found" : `cannot read (${code ?? String(err)})`);
  }
}

export function hasMandatory(result: PromotionResult): boolean {
  return result.violations.some((v) => v.enforcementLevel === "mandatory");
}

/**
 * Plan the target environment on the would-be files: a temporary copy of the stacks' Pulumi.yaml
 * and Pulumi.*.yaml files, at the same path relative to a temporary root as the stacks dir has to
 * the repository (so messages name `stacks/<stack>/Pulumi.<env>.yaml`), with the target's files
 * replaced by their promoted text. The real files are not read again nor touched.
 */
async function planWouldBe(
  options: PromoteOptions,
  files: readonly FilePromotion[],
): Promise<{ violations: PromotionViolation[]; policyConfigFile: string }> {
  const { registry, stacksDir, root, to } = options;
  const tempRoot = mkdtempSync(join(tmpdir(), "dms-promote-"));
  const realShown = displayPath(root, stacksDir);
  const inside = realShown !== stacksDir;
  const mirrorShown = inside ? realShown : basename(stacksDir);
  const mirror = join(tempRoot, ...mirrorShown.split("/").filter((p) => p !== ""));
  // Messages from the plan name the mirror; say the real directory instead.
  const unmirror = (text: string) =>
    mirrorShown === realShown || mirrorShown === "" ? text : text.split(`${mirrorShown}/`).join(`${realShown}/`);
  try {
    for (const def of registry.stacks) {
      const dir = join(stacksDir, def.name);
      const copy = join(mirror, def.name);
      mkdirSync(copy, { recursive: true });
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir)) {
        if (/^Pulumi(\.[\w-]+)?\.yaml$/.test(name)) copyFileSync(join(dir, name), join(copy, name));
      }
    }
    for (const f of files) writeFileSync(join(mirror, f.stack, basename(f.path)), f.newText);
    const migration = options.migration ?? "all";
    let report: Awaited<ReturnType<typeof runPlan>>;
    try {
      report = await runPlan({
        ...registry,
        envs: [to],
        // One migration: its stack only (the foundation it reads is planned for its outputs).
        stackNames: migration === "all" ? registry.stacks.map((s) => s.name) : [...new Set(files.map((f) => f.stack))],
        migration,
        stacksDir: mirror,
        root: tempRoot,
      });
    } catch (err) {
      if (err instanceof Error) err.message = unmirror(err.message);
      throw err;
    }
    const policyConfigFile = report.plans[0]?.policyConfigFile ?? `policies/config/${to}.json`;
    const violations = report.plans.flatMap((p) =>
      p.violations.map((v) => ({ ...v, stack: planLabel(p), configFile: unmirror(p.configFile) })),
    );
    return { violations, policyConfigFile };
  } finally {
    rmSync(tempRoot, { recursive: true, force: true });
  }
}

/**
 * The files a promotion copies from and to. `all`: each stack's `Pulumi.<from>.yaml` ->
 * `Pulumi.<to>.yaml`, and every named migration's `Pulumi.<name>-<from>.yaml` ->
 * `Pulumi.<name>-<to>.yaml`; one migration: its replication file only (the foundation, shared by
 * every migration, is promoted with `all`). A named migration without a target file is refused:
 * `new-migration` writes all three environments, and promotion never creates environment settings.
 * With `all`, such a migration (a lab or an experiment that lives in the source environment only)
 * is skipped with the reason instead, so that every other migration is still promoted.
 */
async function promotedFiles(options: PromoteOptions): Promise<{
  files: Array<{ def: PlanRegistry["stacks"][number]; sourcePath: string; targetPath: string; migration?: string }>;
  skipped: SkippedMigration[];
}> {
  const { from, to, stacksDir, root, registry } = options;
  const migration = options.migration ?? "all";
  const out: Array<{
    def: PlanRegistry["stacks"][number];
    sourcePath: string;
    targetPath: string;
    migration?: string;
  }> = [];
  const skipped: SkippedMigration[] = [];
  let found = migration === "all";
  for (const def of registry.stacks) {
    if (!promotionOf(def.name)) continue;
    const dir = resolve(stacksDir, def.name);
    const primary = { sourcePath: join(dir, `Pulumi.${from}.yaml`), targetPath: join(dir, `Pulumi.${to}.yaml`) };
    if (!def.instances) {
      if (migration === "all") out.push({ def, ...primary });
      continue;
    }
    const instances = await def.instances(dir, from);
    const application = (file: string): string | undefined => {
      if (!existsSync(file)) return undefined;
      const app = parseConfigValues(readFileSync(file, "utf8"), displayPath(root, file))[`${def.project}:application`];
      return typeof app === "string" ? app : undefined;
    };
    const primaryName = application(primary.sourcePath);
    if (migration === "all" || primaryName === migration) {
      out.push({ def, ...primary, ...(primaryName !== undefined ? { migration: primaryName } : {}) });
      found = true;
      if (migration !== "all") continue;
    }
    for (const instance of instances) {
      if (instance.migration === undefined || (migration !== "all" && instance.migration !== migration)) continue;
      found = true;
      const targetPath = join(dir, `Pulumi.${instance.migration}-${to}.yaml`);
      if (!existsSync(targetPath)) {
        if (migration === "all") {
          skipped.push({
            migration: instance.migration,
            source: displayPath(root, resolve(instance.file)),
            reason: `${displayPath(root, targetPath)} does not exist: the migration has no ${to} stack (promotion never creates an environment's settings; \`dms-platform new-migration\` writes them)`,
          });
          continue;
        }
        throw new CliError(
          `${displayPath(root, targetPath)}: not found: migration "${instance.migration}" has no ${to} stack; promotion copies the migration definition into an existing stack file, never an environment's settings: write it first (\`dms-platform new-migration\` writes a migration's files for every environment), then promote`,
        );
      }
      out.push({ def, sourcePath: resolve(instance.file), targetPath, migration: instance.migration });
    }
  }
  if (!found) {
    const expected = displayPath(root, join(resolve(stacksDir, "replication"), `Pulumi.${migration}-${from}.yaml`));
    throw new CliError(`${expected}: not found: no migration "${migration}" in ${from} to promote`);
  }
  return { files: out, skipped };
}

/** The `config:` mapping of a stack file (`namespace:key` -> value); empty when there is none. */
function parseConfigValues(text: string, shown: string): Record<string, unknown> {
  const root = parseYaml(text, shown).value as { config?: unknown } | null;
  const config = root?.config;
  return typeof config === "object" && config !== null ? (config as Record<string, unknown>) : {};
}

/**
 * Promote the promotable keys of every stack from one environment's config to the next one's,
 * check the target with its own policy config on the would-be files, and write them (atomically)
 * only when no mandatory policy is violated and this is not a dry run.
 */
export async function runPromote(options: PromoteOptions): Promise<PromotionResult> {
  const { from, to, root } = options;
  checkPromotion(from, to);
  const migration = options.migration ?? "all";
  const files: FilePromotion[] = [];
  const promoted = await promotedFiles(options);
  for (const { def, sourcePath, targetPath, migration: name } of promoted.files) {
    const promotion = promotionOf(def.name);
    if (!promotion) continue;
    const source = { shown: displayPath(root, sourcePath), text: "" };
    const target = { shown: displayPath(root, targetPath), text: "" };
    source.text = readConfigText(sourcePath, source.shown);
    target.text = readConfigText(targetPath, target.shown);
    const promoted = promoteText(promotion, source, target);
    files.push({
      stack: def.name,
      ...(name !== undefined ? { migration: name } : {}),
      path: targetPath,
      shown: target.shown,
      oldText: target.text,
      newText: promoted.text,
      changes: promoted.changes,
    });
  }
  options.onProgress?.(`planning ${to} on the promoted files with its policy config`);
  const { violations, policyConfigFile } = await planWouldBe(options, files);
  const result: PromotionResult = {
    from,
    to,
    migration,
    dryRun: options.dryRun,
    files,
    policyConfigFile,
    violations,
    skipped: promoted.skipped,
    written: [],
  };
  if (options.dryRun || hasMandatory(result)) return result;
  const writes: FileWrite[] = files
    .filter((f) => f.newText !== f.oldText)
    .map((f) => ({ path: f.path, oldText: f.oldText, newText: f.newText }));
  if (writes.length === 0) return result;
  // The files must still be what was promoted and planned: another edit in between would be lost.
  for (const w of writes) {
    const shown = displayPath(root, w.path);
    if (readConfigText(w.path, shown) !== w.oldText) {
      throw new CliError(`${shown}: changed while promoting; nothing written, run the promotion again`);
    }
  }
  writeFilesAtomically(writes, options.writeOps);
  result.written = writes.map((w) => displayPath(root, w.path));
  return result;
}
