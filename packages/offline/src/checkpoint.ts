import { z } from "zod";
import { type GraphResource, type ResourceGraph, SECRET } from "./graph.js";

/**
 * The Pulumi checkpoint as `pulumi stack export` prints it: `{ version: 3, deployment }`, the
 * deployment holding a manifest and every resource of the stack (apitype.DeploymentV3 /
 * ResourceV3 in pulumi/pulumi sdk/go/common/apitype/core.go). Secrets are stored in the envelope
 * `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext }` (or
 * `plaintext`, a JSON-encoded value, with `--show-secrets`): pkg/resource/stack/deployment.go,
 * DeserializePropertyValue, accepts exactly one of the two.
 */

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/**
 * What a checkpoint written offline stores as a secret's ciphertext: the offline engine never holds
 * the value (the program's secrets reach it already masked), and no secrets provider is configured.
 */
export const OFFLINE_CIPHERTEXT = "offline:unknown";

/** One resource of a stack's state, as a plan compares it (secrets as "[secret]"). */
export interface StateResource {
  urn: string;
  type: string;
  custom: boolean;
  id?: string;
  parent?: string;
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  protect: boolean;
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  provider?: string;
  /** URNs this resource was known by before (a renamed resource's old urn). */
  aliases: string[];
}

export interface StackState {
  /** Where the state was read from, as messages name it. */
  file: string;
  /** The stack resource's urn (`urn:pulumi:<stack>::<project>::pulumi:pulumi:Stack::<project>-<stack>`). */
  stackUrn?: string;
  resources: StateResource[];
}

/** A checkpoint file that is not what `pulumi stack export` prints. */
export class CheckpointError extends Error {
  override readonly name = "CheckpointError";
  constructor(
    readonly file: string,
    readonly path: string,
    readonly rule: string,
  ) {
    super(`${file}: ${path ? `${path}: ` : ""}${rule}`);
  }
}

const resourceSchema = z
  .object({
    urn: z.string().startsWith("urn:pulumi:"),
    custom: z.boolean().optional(),
    delete: z.boolean().optional(),
    id: z.string().optional(),
    type: z.string().min(1),
    inputs: z.record(z.string(), z.unknown()).optional(),
    outputs: z.record(z.string(), z.unknown()).optional(),
    parent: z.string().optional(),
    protect: z.boolean().optional(),
    retainOnDelete: z.boolean().optional(),
    deleteBeforeReplace: z.boolean().optional(),
    dependencies: z.array(z.string()).optional(),
    propertyDependencies: z.record(z.string(), z.array(z.string())).optional(),
    provider: z.string().optional(),
    aliases: z.array(z.string()).optional(),
    pendingReplacement: z.boolean().optional(),
  })
  .loose();

const checkpointSchema = z.object({
  version: z.literal(3, { error: "must be 3 (the format `pulumi stack export` prints)" }),
  deployment: z
    .object({
      manifest: z.object({ time: z.string(), magic: z.string(), version: z.string() }).loose(),
      resources: z.array(resourceSchema).optional(),
    })
    .loose(),
});

type CheckpointResource = z.infer<typeof resourceSchema>;

/** Secrets -> "[secret]", everywhere in a value. */
function fromStateValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(fromStateValue);
  const obj = value as Record<string, unknown>;
  if (obj[SIG_KEY] === SECRET_SIG) return SECRET;
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, fromStateValue(v)]));
}

/** "[secret]" -> the checkpoint's secret envelope, everywhere in a value. */
function toStateValue(value: unknown): unknown {
  if (value === SECRET) return { [SIG_KEY]: SECRET_SIG, ciphertext: OFFLINE_CIPHERTEXT };
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toStateValue);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toStateValue(v)]));
}

const pathOf = (path: ReadonlyArray<PropertyKey>) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");

/**
 * Read a checkpoint (`pulumi stack export` output, or what `writeCheckpoint` wrote). A file that
 * is not JSON or not a version 3 deployment throws a CheckpointError naming the file and the path.
 */
export function readCheckpoint(text: string, file: string): StackState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new CheckpointError(file, "", `not valid JSON (${(err as Error).message})`);
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CheckpointError(
      file,
      issue ? pathOf(issue.path) : "",
      issue ? `${issue.message} (a \`pulumi stack export\` file is expected)` : "invalid",
    );
  }
  const resources = (parsed.data.deployment.resources ?? []).filter((r) => r.delete !== true).map(toStateResource);
  const stack = resources.find((r) => r.type === "pulumi:pulumi:Stack");
  return { file, ...(stack ? { stackUrn: stack.urn } : {}), resources };
}

function toStateResource(r: CheckpointResource): StateResource {
  return {
    urn: r.urn,
    type: r.type,
    custom: r.custom ?? false,
    ...(r.id !== undefined && r.id !== "" ? { id: r.id } : {}),
    ...(r.parent ? { parent: r.parent } : {}),
    inputs: fromStateValue(r.inputs ?? {}) as Record<string, unknown>,
    outputs: fromStateValue(r.outputs ?? {}) as Record<string, unknown>,
    dependencies: r.dependencies ?? [],
    propertyDependencies: r.propertyDependencies ?? {},
    protect: r.protect ?? false,
    retainOnDelete: r.retainOnDelete ?? false,
    deleteBeforeReplace: r.deleteBeforeReplace ?? false,
    ...(r.provider ? { provider: r.provider } : {}),
    aliases: r.aliases ?? [],
  };
}

/**
 * The outputs each StackReference of a stack read when it was last deployed, by the referenced
 * stack's name: a `pulumi:pulumi:StackReference` resource keeps them in `outputs.outputs`
 * (sdk/nodejs/stackReference.ts registers `name`, `outputs` and `secretOutputNames`).
 */
export function stackReferenceOutputs(state: StackState): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const r of state.resources) {
    if (r.type !== "pulumi:pulumi:StackReference") continue;
    const name = typeof r.outputs.name === "string" ? r.outputs.name : r.id;
    const outputs = r.outputs.outputs;
    if (name && typeof outputs === "object" && outputs !== null && !Array.isArray(outputs)) {
      out[name] = outputs as Record<string, unknown>;
    }
  }
  return out;
}

/** A provider reference `<urn>::<id>` split into its parts. */
function splitProviderRef(ref: string): { urn: string; id: string } {
  const at = ref.lastIndexOf("::");
  return { urn: ref.slice(0, at), id: ref.slice(at + 2) };
}

/** Options of `writeCheckpoint`. */
export interface CheckpointOptions {
  /** The manifest's time. @default now */
  time?: Date;
  /** The engine version the manifest names. @default the @pulumi/pulumi version offline runs */
  pulumiVersion?: string;
}

/**
 * The checkpoint a graph would leave after `pulumi up`: what `pulumi stack export` prints then.
 * Resources come in the engine's order (a provider before the resources using it, a parent before
 * its children); default providers, which the offline graph keeps apart, become resources as the
 * engine records them.
 */
export function writeCheckpoint(graph: ResourceGraph, options: CheckpointOptions = {}): Record<string, unknown> {
  const resources: Record<string, unknown>[] = [];
  const written = new Set<string>();
  const providerIds = new Map<string, string>();
  for (const r of graph.resources) {
    if (r.options.provider) {
      const { urn, id } = splitProviderRef(r.options.provider);
      providerIds.set(urn, id);
    }
  }
  const stack = graph.resources.find((r) => r.type === "pulumi:pulumi:Stack");
  const pushProvider = (urn: string) => {
    if (written.has(urn)) return;
    const provider = graph.providers.find((p) => p.urn === urn);
    if (!provider) return;
    written.add(urn);
    resources.push({
      urn,
      custom: true,
      id: providerIds.get(urn) ?? "",
      type: provider.type,
      inputs: toStateValue(provider.inputs),
      outputs: toStateValue(provider.inputs),
      ...(provider.isDefault ? {} : stack ? { parent: stack.urn } : {}),
    });
  };
  for (const r of graph.resources) {
    if (r.options.provider) pushProvider(splitProviderRef(r.options.provider).urn);
    if (written.has(r.urn)) continue;
    written.add(r.urn);
    resources.push(resourceEntry(r, graph.outputs));
  }
  return {
    version: 3,
    deployment: {
      manifest: {
        time: (options.time ?? new Date()).toISOString(),
        magic: "",
        version: options.pulumiVersion ?? "v3.270.0",
      },
      resources,
    },
  };
}

function resourceEntry(r: GraphResource, stackOutputs: Record<string, unknown>): Record<string, unknown> {
  const isStack = r.type === "pulumi:pulumi:Stack";
  return {
    urn: r.urn,
    custom: r.custom,
    ...(r.custom && r.id !== undefined ? { id: r.id } : {}),
    type: r.type,
    inputs: toStateValue(r.inputs),
    outputs: toStateValue(isStack ? stackOutputs : r.outputs),
    ...(r.parent ? { parent: r.parent } : {}),
    protect: r.options.protect,
    retainOnDelete: r.options.retainOnDelete,
    ...(r.options.deleteBeforeReplace ? { deleteBeforeReplace: true } : {}),
    dependencies: r.dependencies,
    propertyDependencies: r.propertyDependencies,
    ...(r.options.provider ? { provider: r.options.provider } : {}),
    ...(r.options.aliases.length > 0 ? { aliases: r.options.aliases } : {}),
    ...(r.read ? { external: true } : {}),
  };
}
