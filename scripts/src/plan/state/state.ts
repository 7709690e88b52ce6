import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { Environment } from "@dms-platform/config";
import type { StackState } from "@dms-platform/offline";
import { CliError } from "../../errors.js";
import { type PlanReport, planFileBase } from "../report.js";

/** The state file of a stack × env in a `--write-state` / `--state` directory. */
export function stateFileName(plan: { fileBase: string; environment: Environment }): string {
  return `${plan.fileBase}.${plan.environment}.state.json`;
}

/** Write each plan's checkpoint (what `pulumi stack export` prints after `up`) to `dir`; the files written. */
export function writeStates(
  report: PlanReport,
  dir: string,
  offline: typeof import("@dms-platform/offline"),
): string[] {
  mkdirSync(dir, { recursive: true });
  return report.plans.map((plan) => {
    const file = join(dir, stateFileName({ fileBase: planFileBase(plan), environment: plan.environment }));
    writeFileSync(file, `${JSON.stringify(offline.writeCheckpoint(plan.graph), null, 2)}\n`);
    return file;
  });
}

/**
 * `--state PATH`: a checkpoint file (one stack × env) or a directory of `<stack>.<env>.state.json`.
 * Returns the lookup runPlan takes. A file or directory that does not exist is a usage error; a
 * directory without a stack's file means the stack is not deployed (everything is created).
 * A checkpoint of another stack than the one planned is refused, naming the file.
 */
export function stateSource(
  path: string,
  shown: (file: string) => string,
  offline: typeof import("@dms-platform/offline"),
): {
  stateFor: (plan: {
    fileBase: string;
    environment: Environment;
    project: string;
    stackName: string;
    reported: boolean;
  }) => StackState | undefined;
  /** A file stands for one stack × env: the plan must select exactly one. */
  single: boolean;
} {
  if (!existsSync(path)) throw new CliError(`--state ${shown(path)}: no such file or directory`);
  const single = statSync(path).isFile();
  const cache = new Map<string, StackState>();
  const read = (file: string): StackState => {
    let state = cache.get(file);
    if (!state) {
      state = offline.readCheckpoint(readFileSync(file, "utf8"), shown(file));
      cache.set(file, state);
    }
    return state;
  };
  const names = single ? [] : readdirSync(path);
  // Refuse a bad file before anything is planned.
  if (single) read(path);
  else for (const name of names.filter((n) => n.endsWith(".state.json"))) read(join(path, name));
  return {
    single,
    stateFor: (plan) => {
      // A file is the state of the one stack reported; the stacks it reads have none here.
      if (single && !plan.reported) return undefined;
      const file = single ? path : names.includes(stateFileName(plan)) ? join(path, stateFileName(plan)) : undefined;
      if (!file) return undefined;
      const state = read(file);
      const expected = `urn:pulumi:${plan.stackName}::${plan.project}::`;
      if (state.stackUrn && !state.stackUrn.startsWith(expected)) {
        const [, stack, project] = /^urn:pulumi:([^:]+)::([^:]+)::/.exec(state.stackUrn) ?? [];
        throw new CliError(
          `${shown(file)}: holds stack ${project}/${stack}, not ${plan.project}/${plan.stackName} (export the state of ${plan.project}/${plan.stackName}, or name the file ${stateFileName(plan)} in a --state directory)`,
        );
      }
      return state;
    },
  };
}

/** Path as messages show it: relative to `cwd` when inside it. */
export function shownPath(cwd: string, file: string): string {
  const rel = relative(cwd, file);
  return rel && !rel.startsWith("..") ? rel : file;
}
