import { z } from "zod";
import { environmentSchema } from "./environments.js";
import { ConfigError } from "./errors.js";
import { configErrorFromZod } from "./load.js";
import { requiredTagsSchema } from "./tags.js";

/**
 * Whether a value is a Pulumi Output or a Promise: values a component cannot inspect at
 * construction, so its schema accepts them as they are (without importing @pulumi/pulumi here).
 */
export function isDeferred(value: unknown): boolean {
  if (value instanceof Promise) return true;
  return typeof value === "object" && value !== null && (value as { __pulumiOutput?: unknown }).__pulumiOutput === true;
}

/**
 * A schema for a `pulumi.Input<T>`: a plain value checked by `schema`, or an Output/Promise taken as
 * is. `Deferred` types what is taken as is; a component module passes `pulumi.Input<z.input<S>>`
 * so its schema's input type is the args interface's (this package does not import Pulumi).
 */
export function input<S extends z.ZodType, Deferred = never>(schema: S) {
  return z.union([schema, z.custom<Deferred>((v) => isDeferred(v), { message: "must be a value or a pulumi Output" })]);
}

/**
 * Compile-time proof that an args interface and its schema's `z.input` accept the same values: each
 * must be assignable to the other (an error names the property that differs), e.g.
 * `export type Check = SameValues<MigrationNetworkArgs, z.input<typeof migrationNetworkArgsSchema>>`.
 * Pair it with {@link SameKeys}: an optional key on one side only is assignable both ways.
 */
export type SameValues<Args extends Schema, Schema extends Reverse, Reverse = Args> = true;

/**
 * `true` when two object types name the same keys, else the keys on one side only; use it as
 * `Assert<SameKeys<Args, Input>>` so a difference is a compile error naming the key.
 */
export type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never]
  ? true
  : { onlyInArgs: Exclude<keyof A, keyof B>; onlyInSchema: Exclude<keyof B, keyof A> };

/** A compile-time assertion: `T` must be `true`. */
export type Assert<T extends true> = T;

/** A part of a physical name: letters and digits separated by single hyphens. */
export const namePartSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lowercase letters and digits separated by single hyphens");

/**
 * What every component takes: the environment (selects the profile), the application name
 * (a part of every physical name) and the five required tags (whose Environment must match).
 */
export const componentContextSchema = z.object({
  /** The stack's environment; selects the profile of defaults. */
  environment: environmentSchema,
  /** Application name, used in physical names (`<env>-<app>-<purpose>`). */
  application: namePartSchema,
  /** The required tags, applied to every taggable child (extra tags allowed). */
  tags: z.object(requiredTagsSchema.shape).catchall(z.string().max(256, "a tag value has at most 256 characters")),
});

/**
 * Validate a component's args at construction. A failure throws a ConfigError whose "file" is
 * the component (`MigrationNetwork "net"`) and whose path is the argument path, e.g.
 * `MigrationNetwork "net": azCount: must be >= 2 (got 1)`.
 */
export function parseComponentArgs<S extends z.ZodType>(
  schema: S,
  args: unknown,
  component: string,
  name: string,
): z.output<S> {
  const result = schema.safeParse(args, { reportInput: true });
  if (!result.success) throw configErrorFromZod(result.error, `${component} "${name}"`, "");
  const data = result.data as { environment?: unknown; tags?: { Environment?: unknown } };
  if (data && typeof data === "object" && data.environment !== undefined && data.tags?.Environment !== undefined) {
    if (data.tags.Environment !== data.environment) {
      throw new ConfigError(
        `${component} "${name}"`,
        "tags.Environment",
        `must equal the environment "${String(data.environment)}" (got "${String(data.tags.Environment)}")`,
      );
    }
  }
  return result.data;
}
