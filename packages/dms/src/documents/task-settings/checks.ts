/**
 * Task-settings checks the zod schemas cannot express: settings that contradict each other, and keys the
 * catalogue does not know (an error naming where the key belongs or what it was probably meant to be, unless
 * allowUnknownSettings lets it through).
 */
import { type DocumentWarning, describeValue } from "../errors.js";
import { isPlainObject } from "../schema-helpers.js";
import {
  CATALOGUE_ENGINE_VERSION,
  cataloguedPaths,
  closestKey,
  type SettingsShape,
  sectionsWithKey,
  TASK_SETTINGS_CATALOGUE,
  TASK_SETTINGS_SECTIONS,
} from "../task-settings-catalogue.js";
import type { TaskMigrationType } from "./types.js";

export function crossChecks(
  doc: Record<string, unknown>,
  fail: (p: string, r: string) => Error,
  migrationType?: TaskMigrationType,
): void {
  validationOnlyChecks(doc, fail, migrationType);
  resyncChecks(doc, fail, migrationType);
  const tm = doc.TargetMetadata;
  if (isPlainObject(tm)) {
    // Target metadata task settings: "If you set SupportLobs=true, you must set one of the following to true:
    // FullLobMode ... LimitedSizeLobMode"; each mode needs its size.
    if (tm.FullLobMode === true && tm.LimitedSizeLobMode === true) {
      throw fail(
        "TargetMetadata.LimitedSizeLobMode",
        "more than one LOB mode: FullLobMode and LimitedSizeLobMode are both true; choose one",
      );
    }
    if (tm.SupportLobs === true && tm.FullLobMode === false && tm.LimitedSizeLobMode === false) {
      throw fail(
        "TargetMetadata.SupportLobs",
        "is true but FullLobMode and LimitedSizeLobMode are both false; set one of them to true",
      );
    }
    if (tm.FullLobMode === true && tm.LobChunkSize === 0) {
      throw fail(
        "TargetMetadata.LobChunkSize",
        "must be a size in KB (64 is recommended) when FullLobMode is true (got 0)",
      );
    }
    if (tm.LimitedSizeLobMode === true && tm.LobMaxSize === 0) {
      throw fail("TargetMetadata.LobMaxSize", "must be a size in KB when LimitedSizeLobMode is true (got 0)");
    }
  }
  const beforeImage = doc.BeforeImageSettings;
  // Before image task settings: "When EnableBeforeImage is true, FieldName is required and can't be empty".
  if (isPlainObject(beforeImage) && beforeImage.EnableBeforeImage === true) {
    const fieldName = beforeImage.FieldName;
    if (typeof fieldName !== "string" || fieldName === "") {
      throw fail(
        "BeforeImageSettings.FieldName",
        `is required and must not be empty when EnableBeforeImage is true: the name of the JSON attribute that holds the before image (got ${describeValue(fieldName)})`,
      );
    }
  }
  const logging = doc.Logging;
  if (isPlainObject(logging)) {
    for (const key of ["CloudWatchLogGroup", "CloudWatchLogStream"]) {
      const v = logging[key];
      if (v !== undefined && v !== null) {
        throw fail(
          `Logging.${key}`,
          `must not be set: DMS names the log group and stream itself and rejects them on create (got ${describeValue(v)})`,
        );
      }
    }
    const components = logging.LogComponents;
    if (Array.isArray(components)) {
      const seen = new Map<string, number>();
      components.forEach((c, i) => {
        const id = String((c as Record<string, unknown>).Id);
        const first = seen.get(id);
        if (first !== undefined) {
          throw fail(`Logging.LogComponents[${i}].Id`, `duplicates LogComponents[${first}] (${describeValue(id)})`);
        }
        seen.set(id, i);
      });
    }
  }
}

/**
 * What an uncatalogued key is. An error only when it is provably a mistake: a section nested in another, a key of
 * another section (by its exact name), a near-miss of a key of its own object. Anything else — a key near nothing the
 * catalogue knows — is a warning: DMS may have added it after the catalogue, and a new setting must never block a
 * plan.
 */
const sectionOf = (doc: Record<string, unknown>, name: string): Record<string, unknown> | undefined => {
  const v = doc[name];
  return isPlainObject(v) ? v : undefined;
};

/**
 * Data validation task settings, ValidationOnly: "You must set TargetTablePrepMode to DO_NOTHING … and set Migration
 * Type to" full-load or cdc; Validation only tasks (CHAP_Validating): "set the EnableValidation and ValidationOnly
 * settings to true".
 */
function validationOnlyChecks(
  doc: Record<string, unknown>,
  fail: (p: string, r: string) => Error,
  migrationType: TaskMigrationType | undefined,
): void {
  const validation = sectionOf(doc, "ValidationSettings");
  if (validation?.ValidationOnly !== true) return;
  if (validation.EnableValidation === false) {
    throw fail(
      "ValidationSettings.EnableValidation",
      "must be true when ValidationOnly is true: a validation-only task does nothing but validate (Validation only tasks)",
    );
  }
  const prep = sectionOf(doc, "FullLoadSettings")?.TargetTablePrepMode;
  if (prep !== undefined && prep !== "DO_NOTHING") {
    throw fail(
      "FullLoadSettings.TargetTablePrepMode",
      `must be DO_NOTHING when ValidationSettings.ValidationOnly is true (got ${describeValue(prep)}): a validation-only task must not touch the target tables (Data validation task settings)`,
    );
  }
  if (migrationType === "full-load-and-cdc") {
    throw fail(
      "ValidationSettings.ValidationOnly",
      "is true on a full-load-and-cdc task; a validation-only task must be full-load or cdc (Data validation task settings)",
    );
  }
}

/** Data resync settings (3.6.1): what each parameter's "Validation" line on the page requires. */
function resyncChecks(
  doc: Record<string, unknown>,
  fail: (p: string, r: string) => Error,
  migrationType: TaskMigrationType | undefined,
): void {
  const resync = sectionOf(doc, "ResyncSettings");
  if (resync === undefined) return;
  const set = (k: string) => resync[k] !== undefined && resync[k] !== null;
  if (migrationType === "full-load" && set("ResyncSchedule")) {
    throw fail(
      "ResyncSettings.ResyncSchedule",
      "cannot be set on a full-load task: data resync runs with CDC (Data resync settings)",
    );
  }
  if (resync.EnableResync !== true) return;
  if (migrationType !== undefined && migrationType !== "full-load") {
    for (const k of ["ResyncSchedule", "MaxResyncTime"]) {
      if (!set(k)) {
        throw fail(
          `ResyncSettings.${k}`,
          `is required when EnableResync is true on a task with CDC (${migrationType}) (Data resync settings)`,
        );
      }
    }
  }
  if (sectionOf(doc, "ValidationSettings")?.EnableValidation !== true && !set("ValidationTaskId")) {
    throw fail(
      "ResyncSettings.ValidationTaskId",
      "is required when EnableResync is true and this task does not validate (ValidationSettings.EnableValidation is not true): name the validation-only task whose report drives the resync (Data resync settings)",
    );
  }
}

function unknownKeyVerdict(
  key: string,
  where: SettingsShape,
  plainPath: string,
  section: string | undefined,
): { error: boolean; rule: string } {
  const atRoot = where === TASK_SETTINGS_CATALOGUE;
  const what = atRoot
    ? "not a task-settings section"
    : where.label.startsWith("a ")
      ? `not a key of ${where.label}`
      : `not ${/^[AEIOU]/.test(where.label) ? "an" : "a"} ${where.label} setting`;
  if (!atRoot && Object.hasOwn(TASK_SETTINGS_SECTIONS, key)) {
    return { error: true, rule: `${what}; ${key} is a section of its own, at the top level of the task settings` };
  }
  const homes = sectionsWithKey(key).filter((s) => s !== section);
  if (homes.length > 0) {
    return {
      error: true,
      rule: `${what}; it belongs in ${homes.join(" or ")}${atRoot ? ` (as ${homes[0]}.${key})` : ""}`,
    };
  }
  const near = closestKey(key, Object.keys(where.keys));
  if (near !== undefined) return { error: true, rule: `${what} (did you mean \`${near}\`?)` };
  const advice = `if it is new, list "${plainPath}" in the task's allowUnknownSettings or add it to the catalogue`;
  for (const [name, s] of Object.entries(TASK_SETTINGS_SECTIONS)) {
    if (name === section) continue;
    const elsewhere = closestKey(key, Object.keys(s.keys));
    // Near a key of another section only: likely, not provably, a slip (a new key may look like an old one).
    if (elsewhere !== undefined) {
      return {
        error: false,
        rule: `is not in the catalogue of DMS settings as of ${CATALOGUE_ENGINE_VERSION} (did you mean \`${name}.${elsewhere}\`?); DMS ignores a key it does not know; ${advice}`,
      };
    }
  }
  return {
    error: false,
    rule: `is not in the catalogue of DMS settings as of ${CATALOGUE_ENGINE_VERSION} (${where.page}); DMS ignores a key it does not know; ${advice}`,
  };
}

/**
 * Hold every key of the document to the catalogue. Throws on the first key that is provably a mistake (misplaced or
 * misspelt) and not allowed; returns a warning for every other uncatalogued key, for each allowed one and for each
 * allowUnknownSettings entry that matched nothing.
 */
export function checkKeys(
  doc: Record<string, unknown>,
  allow: readonly string[],
  fail: (p: string, r: string) => Error,
): DocumentWarning[] {
  const allowed = new Set(allow);
  const used = new Set<string>();
  const warnings: DocumentWarning[] = [];
  const visit = (value: unknown, where: SettingsShape, at: string, plain: string, section: string | undefined) => {
    if (!isPlainObject(value)) return;
    for (const key of Object.keys(value)) {
      const path = at ? `${at}.${key}` : key;
      const plainPath = plain ? `${plain}.${key}` : key;
      const spec = Object.hasOwn(where.keys, key) ? where.keys[key] : undefined;
      if (spec === undefined) {
        if (!allowed.has(plainPath)) {
          const verdict = unknownKeyVerdict(key, where, plainPath, section);
          if (verdict.error) throw fail(path, verdict.rule);
          warnings.push({ path, message: verdict.rule });
          continue;
        }
        used.add(plainPath);
        warnings.push({
          path,
          message: `is not in the catalogue of DMS task settings; sent as written because allowUnknownSettings lists "${plainPath}" (check that DMS documents it)`,
        });
        continue;
      }
      const inner = value[key];
      const nextSection = section ?? key;
      if (spec.object) visit(inner, spec.object, path, plainPath, nextSection);
      const items = spec.items;
      if (items && Array.isArray(inner)) {
        inner.forEach((item, i) => {
          visit(item, items, `${path}[${i}]`, plainPath, nextSection);
        });
      }
    }
  };
  visit(doc, TASK_SETTINGS_CATALOGUE, "", "", undefined);
  const documented = new Set(cataloguedPaths());
  for (const entry of allowed) {
    if (used.has(entry)) continue;
    warnings.push({
      path: "",
      message: documented.has(entry)
        ? `allowUnknownSettings lists "${entry}", a documented setting that needs no allowance: remove it from the list`
        : `allowUnknownSettings lists "${entry}", but the settings have no such key: remove it from the list`,
    });
  }
  return warnings;
}
