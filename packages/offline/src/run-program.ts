import * as pulumi from "@pulumi/pulumi";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { genericArn, INVOKE_MOCKS, type MockContext, type MockOverrides, mockId, RESOURCE_MOCKS } from "./aws-mocks.js";
import type { StackState, StateResource } from "./checkpoint.js";
import { type ChangeDecision, type DiffSchema, decideChange, expectedTagsAll } from "./diff.js";
import { type GraphProvider, type GraphResource, type ResourceGraph, SECRET, type SecretOrigin } from "./graph.js";
import {
  installEngine,
  installMonitor,
  LOG_SEVERITY,
  type MockCallArgs,
  type MockMonitorInstance,
  type MockResourceArgs,
  mocksModule,
  type ReadResourceRequest,
  type RegisterResourceOutputsRequest,
  type RegisterResourceRequest,
  runWithFreshStore,
  settingsModule,
  shutdownCallbacks,
  stackModule,
  stateModule,
} from "./pulumi-internals.js";
import { recordInvoke, type SecretSources, secretOrigin, secretSources } from "./secret-origin.js";
import { withOutputWiseStackReferences } from "./stack-reference.js";
import { TransformChain } from "./transforms.js";
import { plainProperties, secretEnvelope } from "./values.js";

export interface RunProgramOptions {
  /** Pulumi project name (the `name:` of Pulumi.yaml). */
  project: string;
  /** Stack name (e.g. `dev`). */
  stack: string;
  /**
   * Stack config, `namespace:key` -> value, as in Pulumi.<stack>.yaml. Non-string values are
   * JSON-encoded the way the CLI passes structured config to a program.
   */
  config?: Readonly<Record<string, unknown>>;
  /** Config keys that are secrets (`pulumi config set --secret`). */
  secretKeys?: readonly string[];
  /** Outputs of other stacks, by the name a `pulumi.StackReference` is constructed with. */
  stackReferences?: Readonly<Record<string, Record<string, unknown>>>;
  /** Extra or replacement mocks for resource types and invokes. */
  mocks?: MockOverrides;
  /** Run as a preview (`pulumi preview`) rather than an update. @default false */
  preview?: boolean;
  /**
   * Run as `pulumi preview` against a stack's deployed state (implies `preview`). Each resource's
   * change is decided when it registers, as the engine decides it (`decideChange`): a resource the
   * state holds whose inputs are unchanged, or updated in place, answers with the state's id and
   * outputs, so the program computes everything downstream from real values; a created or replaced
   * resource answers with its inputs alone and an unknown id, so every output, `apply`, interpolation
   * and JSON document built on it is unknown, as under `pulumi preview`.
   */
  against?: {
    state: StackState;
    /** The provider's schema of a resource type (ForceNew inputs), as diffStack takes it. */
    schemaOf(type: string): DiffSchema | undefined;
  };
  /**
   * What `pulumi.getOrganization()` answers. @default "organization", what the CLI gives a program
   * on a self-managed (file, S3) backend; Pulumi Cloud gives the stack's organisation.
   */
  organization?: string;
  /** Account id the mocks put in ARNs. @default "123456789012" */
  accountId?: string;
  /**
   * Keep V8 stack traces during the run. Off by default: the SDK records `new Error().stack` for
   * every internal promise, about 60 % of the run time, and programs' own errors are written to be
   * read without one.
   */
  keepStackTraces?: boolean;
}

/** The organisation a program sees offline unless told otherwise (a self-managed backend's). */
export const DEFAULT_ORGANIZATION = "organization";

/** The program failed: an exception, a rejected output, or an error logged through pulumi.log. */
export class ProgramError extends Error {
  override readonly name = "ProgramError";
  constructor(
    readonly project: string,
    /** The stack's name (`stack` is taken by Error's stack trace). */
    readonly stackName: string,
    override readonly cause: unknown,
  ) {
    super(`${project}/${stackName}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

function configString(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function parseJsonObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
        return parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `aws:defaultTags` (`{ tags: {...} }`, as an object or a JSON string) -> the tag map. */
export function defaultTagsOf(value: unknown): Record<string, string> {
  const tags = parseJsonObject(parseJsonObject(value)?.tags);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tags ?? {})) if (typeof v === "string") out[k] = v;
  return out;
}

/** What the mock answers the registration in flight, decided against the state (`against`). */
interface StateAnswer {
  decision: ChangeDecision;
  old?: StateResource;
}

interface Recorder {
  project: string;
  stack: string;
  seq: number;
  resources: Map<string, GraphResource & { seq: number }>;
  outputs: Record<string, unknown>;
  stackUrn?: string;
}

/**
 * The answer of a resource planned against its state: the state's id and outputs for what is kept
 * (with the new inputs over the outputs for an update, as the bridge's planned state has them), the
 * inputs alone and no id (unknown in a preview) for what is created or replaced.
 */
function answerFromState(
  answer: StateAnswer,
  type: string,
  inputs: Record<string, unknown>,
  ctx: MockContext,
): { id: string | undefined; state: Record<string, unknown> } {
  const { decision, old } = answer;
  const tagged =
    type.startsWith("aws:") && "tags" in inputs ? { tagsAll: expectedTagsAll(inputs.tags, ctx.defaultTags) } : {};
  if (old && decision.op === "same") return { id: old.id, state: { ...inputs, ...old.outputs } };
  if (old && decision.op === "update") return { id: old.id, state: { ...old.outputs, ...inputs, ...tagged } };
  return { id: undefined, state: { ...inputs, ...tagged } };
}

function makeMocks(
  ctx: MockContext,
  overrides: MockOverrides | undefined,
  pending: { next?: StateAnswer },
  sources: SecretSources,
) {
  return {
    async newResource(args: MockResourceArgs): Promise<{ id: string | undefined; state: Record<string, unknown> }> {
      const { type, name, inputs } = args;
      // Read synchronously: the monitor sets it just before the SDK's mock monitor calls this.
      const answer = pending.next;
      pending.next = undefined;
      if (!args.custom) return { id: undefined, state: {} };
      if (answer) return answerFromState(answer, type, inputs, ctx);
      if (type === "pulumi:pulumi:StackReference") {
        const refName = String(inputs.name);
        const outputs = ctx.stackReferences[refName];
        if (!outputs) {
          const known = Object.keys(ctx.stackReferences);
          throw new Error(
            `StackReference "${refName}" has no outputs offline; known references: ${known.length ? known.join(", ") : "(none)"}`,
          );
        }
        return { id: refName, state: { name: refName, outputs, secretOutputNames: [] } };
      }
      let id = args.id || mockId(type, name);
      const handler = overrides?.resources?.[type] ?? RESOURCE_MOCKS[type];
      const computed = handler ? handler({ type, name, inputs, id, ctx }) : {};
      if (typeof computed.__id === "string") id = computed.__id;
      const state: Record<string, unknown> = { ...inputs };
      for (const [k, v] of Object.entries(computed)) if (k !== "__id" && v !== undefined) state[k] = v;
      if (type.startsWith("aws:") && !type.startsWith("aws:index/") && state.arn === undefined && !handler) {
        state.arn = genericArn(type, id, ctx);
      }
      if (type.startsWith("aws:") && ("tags" in inputs || Object.keys(ctx.defaultTags).length > 0)) {
        state.tagsAll = { ...ctx.defaultTags, ...((inputs.tags as Record<string, string> | undefined) ?? {}) };
      }
      return { id, state };
    },
    async call(args: MockCallArgs): Promise<Record<string, unknown>> {
      const handler = overrides?.invokes?.[args.token] ?? INVOKE_MOCKS[args.token];
      if (!handler) {
        throw new Error(`the offline engine has no mock for invoke "${args.token}"; pass one in options.mocks.invokes`);
      }
      const result = handler(args.inputs, ctx);
      // A secret input equal to what a data source read is not written in the program.
      recordInvoke(sources, result, [ctx.region, ctx.accountId]);
      return result;
    },
  };
}

function recordingMonitor(
  mocks: ReturnType<typeof makeMocks>,
  recorder: Recorder,
  sources: SecretSources,
  planned?: { against: NonNullable<RunProgramOptions["against"]>; pending: { next?: StateAnswer }; ctx: MockContext },
): MockMonitorInstance {
  const stateByUrn = new Map((planned?.against.state.resources ?? []).map((r) => [r.urn, r]));
  const decisions = new Map<string, ChangeDecision>();
  const Base = mocksModule.MockMonitor;
  class RecordingMonitor extends Base {
    /** The engine's share of resource transforms (transforms.ts). */
    readonly transforms = new TransformChain();

    // `pulumi.runtime.registerResourceTransform`: the engine keeps the token for every later
    // registration; the SDK's mock monitor would only hand the function to the mocks.
    registerStackTransform(req: { getToken(): string }, callback: (err: unknown, resp?: unknown) => void): void {
      this.transforms.addStackTransform(req.getToken());
      callback(null, {});
    }

    // The engine leaves the root stack out of a child's qualified type
    // (urn:pulumi:dev::proj::aws:ec2/vpc:Vpc::vpc); the SDK's mock monitor does not.
    newUrn(parent: string, type: string, name: string): string {
      const parentType = parent ? parent.split("::")[2] : undefined;
      const qualified = parentType && parentType !== "pulumi:pulumi:Stack" ? `${parentType}$${type}` : type;
      return `urn:pulumi:${recorder.stack}::${recorder.project}::${qualified}::${name}`;
    }

    override async registerResource(
      req: RegisterResourceRequest,
      callback: (err: unknown, resp?: unknown) => void,
    ): Promise<void> {
      const seq = recorder.seq++;
      try {
        // What the engine does first with a registration: run the transforms that apply to it.
        await this.transforms.apply(req as unknown as resproto.RegisterResourceRequest);
      } catch (err) {
        callback(err);
        return;
      }
      const rawInputs = req.getObject()?.toJavaScript();
      const { values: inputs, secretKeys } = plainProperties(rawInputs);
      if (planned && req.getCustom()) {
        const type = req.getType();
        const urn = this.newUrn(req.getParent(), type, req.getName());
        const old =
          stateByUrn.get(urn) ??
          req
            .getAliasurnsList()
            .map((a) => stateByUrn.get(a))
            .find((x) => x !== undefined);
        const decision = decideChange(
          old,
          {
            type,
            custom: true,
            inputs,
            options: { ignoreChanges: req.getIgnorechangesList(), replaceOnChanges: req.getReplaceonchangesList() },
          },
          planned.against.schemaOf(type),
          { defaultTags: planned.ctx.defaultTags },
        );
        planned.pending.next = { decision, ...(old ? { old } : {}) };
        decisions.set(urn, decision);
      }
      return super.registerResource(req, (err, resp) => {
        if (err || !resp) {
          callback(err, resp);
          return;
        }
        const response = resp as {
          getUrn(): string;
          getId(): string;
          getObject(): Struct | undefined;
          setObject(s: Struct): void;
        };
        // The engine keeps an output secret when the input of the same name was secret, and the
        // SDK asks for additionalSecretOutputs (random passwords' `result`): do the same, so no
        // secret reaches the program, the graph or a plan in plain text.
        const hidden = new Set([...secretKeys, ...req.getAdditionalsecretoutputsList()]);
        const state = response.getObject()?.toJavaScript() ?? {};
        // Outputs a checkpoint holds encrypted come back from the state as "[secret]": secrets still.
        if (planned) for (const [key, value] of Object.entries(state)) if (value === SECRET) hidden.add(key);
        if (hidden.size > 0) {
          for (const key of hidden) if (key in state) state[key] = secretEnvelope(state[key]);
          response.setObject(Struct.fromJavaScript(state as Parameters<typeof Struct.fromJavaScript>[0]));
        }
        const urn = response.getUrn();
        this.transforms.record(urn, req as unknown as resproto.RegisterResourceRequest);
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v, k) => {
          propertyDependencies[k] = v.getUrnsList();
        });
        // Where each secret input came from, decided on the raw value: the graph keeps "[secret]" only.
        const secretInputs: Record<string, SecretOrigin> = {};
        for (const key of secretKeys) {
          secretInputs[key] = secretOrigin(rawInputs?.[key], propertyDependencies[key] ?? [], sources);
        }
        const timeouts = req.getCustomtimeouts();
        const type = req.getType();
        const decided = planned && req.getCustom() ? decisions.get(urn) : undefined;
        const resource: GraphResource & { seq: number } = {
          seq,
          ...(decided ? { decision: decided } : {}),
          urn,
          type,
          name: req.getName(),
          custom: req.getCustom(),
          inputs,
          id: response.getId() || undefined,
          outputs: plainProperties(state).values,
          dependencies: req.getDependenciesList(),
          propertyDependencies,
          options: {
            protect: req.hasProtect() ? req.getProtect() : false,
            retainOnDelete: req.getRetainondelete(),
            ...(req.getDeletebeforereplacedefined() ? { deleteBeforeReplace: req.getDeletebeforereplace() } : {}),
            ignoreChanges: req.getIgnorechangesList(),
            replaceOnChanges: req.getReplaceonchangesList(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
            aliases: req.getAliasurnsList(),
            ...(timeouts && (timeouts.getCreate() || timeouts.getUpdate() || timeouts.getDelete())
              ? {
                  customTimeouts: {
                    ...(timeouts.getCreate() ? { create: timeouts.getCreate() } : {}),
                    ...(timeouts.getUpdate() ? { update: timeouts.getUpdate() } : {}),
                    ...(timeouts.getDelete() ? { delete: timeouts.getDelete() } : {}),
                  },
                }
              : {}),
            ...(req.getDeletedwith() ? { deletedWith: req.getDeletedwith() } : {}),
            ...(req.getImportid() ? { importId: req.getImportid() } : {}),
            ...(req.getProvider() ? { provider: req.getProvider() } : {}),
          },
          ...(req.getVersion() ? { version: req.getVersion() } : {}),
          ...(secretKeys.size > 0 ? { secretInputs } : {}),
        };
        if (req.getParent()) resource.parent = req.getParent();
        if (type === "pulumi:pulumi:Stack") recorder.stackUrn = urn;
        recorder.resources.set(urn, resource);
        callback(err, resp);
      });
    }

    // Reads (`Resource.get`, StackReference) are in a preview too; the graph keeps them, marked `read`.
    override async readResource(
      req: ReadResourceRequest,
      callback: (err: unknown, resp?: unknown) => void,
    ): Promise<void> {
      const seq = recorder.seq++;
      const { values: inputs } = plainProperties(req.getProperties()?.toJavaScript());
      return super.readResource(req, (err, resp) => {
        if (!err && resp) {
          const response = resp as { getUrn(): string; getProperties(): Struct | undefined };
          const hidden = new Set(req.getAdditionalsecretoutputsList());
          const state = response.getProperties()?.toJavaScript() ?? {};
          for (const key of hidden) if (key in state) state[key] = secretEnvelope(state[key]);
          const urn = response.getUrn();
          recorder.resources.set(urn, {
            seq,
            urn,
            type: req.getType(),
            name: req.getName(),
            custom: true,
            read: true,
            inputs,
            id: req.getId(),
            outputs: plainProperties(state).values,
            dependencies: req.getDependenciesList(),
            propertyDependencies: {},
            options: {
              protect: false,
              retainOnDelete: false,
              ignoreChanges: [],
              replaceOnChanges: [],
              additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
              aliases: [],
              ...(req.getProvider() ? { provider: req.getProvider() } : {}),
            },
            ...(req.getVersion() ? { version: req.getVersion() } : {}),
            ...(req.getParent() ? { parent: req.getParent() } : {}),
          });
        }
        callback(err, resp);
      });
    }

    override registerResourceOutputs(
      req: RegisterResourceOutputsRequest,
      callback: (err: unknown, resp?: unknown) => void,
    ): void {
      const urn = req.getUrn();
      const outputs = plainProperties(req.getOutputs()?.toJavaScript()).values;
      const recorded = recorder.resources.get(urn);
      if (recorded) recorded.outputs = outputs;
      if (urn === recorder.stackUrn) recorder.outputs = outputs;
      super.registerResourceOutputs(req, callback);
    }
  }
  return new RecordingMonitor(mocks);
}

/** Default providers the CLI would create from stack config for the packages the resources use. */
function synthesiseProviders(
  resources: GraphResource[],
  config: Readonly<Record<string, unknown>>,
  project: string,
  stack: string,
): GraphProvider[] {
  const providers = new Map<string, GraphProvider>();
  for (const r of resources) {
    if (!r.custom || r.options.provider || r.type.startsWith("pulumi:")) continue;
    const pkg = r.type.split(":")[0] ?? "";
    const version = r.version ?? "";
    const name = version ? `default_${version.replace(/[.-]/g, "_")}` : "default";
    const urn = `urn:pulumi:${stack}::${project}::pulumi:providers:${pkg}::${name}`;
    if (!providers.has(urn)) {
      const inputs: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(config)) {
        if (k.startsWith(`${pkg}:`)) inputs[k.slice(pkg.length + 1)] = configString(v);
      }
      if (version) inputs.version = version;
      providers.set(urn, { urn, type: `pulumi:providers:${pkg}`, name, inputs, isDefault: true });
    }
    r.options.provider = `${urn}::${urn.length.toString(16)}${name.length.toString(16)}-default`;
  }
  // Providers the program registered itself.
  for (const r of resources) {
    if (r.type.startsWith("pulumi:providers:")) {
      providers.set(r.urn, { urn: r.urn, type: r.type, name: r.name, inputs: r.inputs, isDefault: false });
    }
  }
  return [...providers.values()];
}

/**
 * Run a Pulumi program in-process against a mock monitor and return what it would build.
 * Each run has its own Pulumi runtime state (an AsyncLocalStorage store, as the Automation API
 * uses for inline programs), so runs in one process do not see each other's resources, config
 * or stack name.
 */
export async function runProgram(
  program: () => unknown | Promise<unknown>,
  options: RunProgramOptions,
): Promise<ResourceGraph> {
  const { project, stack } = options;
  const config = options.config ?? {};
  const ctx: MockContext = {
    region: typeof config["aws:region"] === "string" ? (config["aws:region"] as string) : "us-east-1",
    accountId: options.accountId ?? "123456789012",
    partition: "aws",
    defaultTags: defaultTagsOf(config["aws:defaultTags"]),
    stackReferences: options.stackReferences ?? {},
  };
  const recorder: Recorder = { project, stack, seq: 0, resources: new Map(), outputs: {} };
  const pending: { next?: StateAnswer } = {};
  const sources = secretSources(config, options.secretKeys ?? []);
  const preview = (options.preview ?? false) || options.against !== undefined;
  const diagnostics: ResourceGraph["diagnostics"] = [];
  const failures: unknown[] = [];
  const onUnhandled = (reason: unknown) => {
    failures.push(reason);
  };
  const previousLimit = Error.stackTraceLimit;
  if (!options.keepStackTraces) Error.stackTraceLimit = 0;
  process.on("unhandledRejection", onUnhandled);
  try {
    await runWithFreshStore(async () => {
      installMonitor(
        recordingMonitor(
          makeMocks(ctx, options.mocks, pending, sources),
          recorder,
          sources,
          options.against ? { against: options.against, pending, ctx } : undefined,
        ),
        project,
        stack,
        preview,
        options.organization ?? DEFAULT_ORGANIZATION,
      );
      installEngine((req) => {
        const severity = req.getSeverity();
        if (severity < LOG_SEVERITY.WARNING) return;
        diagnostics.push({
          severity: severity === LOG_SEVERITY.ERROR ? "error" : "warning",
          message: req.getMessage(),
          ...(req.getUrn() ? { urn: req.getUrn() } : {}),
        });
      });
      const strings: Record<string, string> = {};
      for (const [k, v] of Object.entries(config)) strings[k] = configString(v);
      pulumi.runtime.setAllConfig(strings, [...(options.secretKeys ?? [])]);
      try {
        const run = async () => {
          await stackModule.runInPulumiStack(async () => program());
          await settingsModule.waitForRPCs();
        };
        await (options.against ? withOutputWiseStackReferences(run) : run());
      } catch (err) {
        failures.unshift(err);
      } finally {
        shutdownCallbacks();
      }
      // Let rejected outputs surface as unhandled rejections before judging the run.
      await new Promise((resolve) => setImmediate(resolve));
      const logged = stateModule.getStore().logErrorCount;
      if (failures.length === 0 && logged > 0) {
        const first = diagnostics.find((d) => d.severity === "error");
        failures.push(new Error(first ? first.message : `the program logged ${logged} error${logged > 1 ? "s" : ""}`));
      }
    });
  } finally {
    process.off("unhandledRejection", onUnhandled);
    Error.stackTraceLimit = previousLimit;
  }
  if (failures.length > 0) throw new ProgramError(project, stack, failures[0]);
  const ordered = [...recorder.resources.values()].sort((a, b) => a.seq - b.seq);
  const resources: GraphResource[] = ordered.map(({ seq: _seq, ...r }) => r);
  return {
    project,
    stack,
    resources,
    providers: synthesiseProviders(resources, config, project, stack),
    outputs: recorder.outputs,
    diagnostics,
  };
}
