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
import { ConfigError, type Environment } from "@dms-platform/config";
import type { Violation } from "@dms-platform/offline";
import { CliError } from "../errors.js";
import { runPlan } from "../plan/run-plan.js";
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
  /** How files are replaced (tests interrupt it). @default nodeWriteOps */
  writeOps?: WriteOps;
  /** Progress lines (stderr). */
  onProgress?(line: string): void;
}

/** One stack's target file, promoted. */
export interface FilePromotion {
  stack: string;
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

export interface PromotionResult {
  from: Environment;
  to: Environment;
  dryRun: boolean;
  files: FilePromotion[];
  /** The policy config the target was checked with (`policies/config/test.json`). */
  policyConfigFile: string;
  violations: PromotionViolation[];
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
    for (const f of files) writeFileSync(join(mirror, f.stack, `Pulumi.${to}.yaml`), f.newText);
    let report: Awaited<ReturnType<typeof runPlan>>;
    try {
      report = await runPlan({
        ...registry,
        envs: [to],
        stackNames: registry.stacks.map((s) => s.name),
        stacksDir: mirror,
        root: tempRoot,
      });
    } catch (err) {
      if (err instanceof Error) err.message = unmirror(err.message);
      throw err;
    }
    const policyConfigFile = report.plans[0]?.policyConfigFile ?? `policies/config/${to}.json`;
    const violations = report.plans.flatMap((p) =>
      p.violations.map((v) => ({ ...v, stack: p.stack, configFile: unmirror(p.configFile) })),
    );
    return { violations, policyConfigFile };
  } finally {
    rmSync(tempRoot, { recursive: true, force: true });
  }
}

/**
 * Promote the promotable keys of every stack from one environment's config to the next one's,
 * check the target with its own policy config on the would-be files, and write them (atomically)
 * only when no mandatory policy is violated and this is not a dry run.
 */
export async function runPromote(options: PromoteOptions): Promise<PromotionResult> {
  const { from, to, stacksDir, root, registry } = options;
  checkPromotion(from, to);
  const files: FilePromotion[] = [];
  for (const def of registry.stacks) {
    const promotion = promotionOf(def.name);
    if (!promotion) continue;
    const sourcePath = resolve(stacksDir, def.name, `Pulumi.${from}.yaml`);
    const targetPath = resolve(stacksDir, def.name, `Pulumi.${to}.yaml`);
    const source = { shown: displayPath(root, sourcePath), text: "" };
    const target = { shown: displayPath(root, targetPath), text: "" };
    source.text = readConfigText(sourcePath, source.shown);
    target.text = readConfigText(targetPath, target.shown);
    const promoted = promoteText(promotion, source, target);
    files.push({
      stack: def.name,
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
    dryRun: options.dryRun,
    files,
    policyConfigFile,
    violations,
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
