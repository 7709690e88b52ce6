// The few Pulumi SDK internals the offline engine needs, typed narrowly in one place. They are
// public modules of @pulumi/pulumi (runtime/mocks, runtime/state, runtime/settings) that the SDK's
// own test support uses; pinning their shape here keeps `any` out of the rest of the package.
import * as pulumi from "@pulumi/pulumi";

export interface ProtoStruct {
  toJavaScript(): Record<string, unknown>;
}

export interface RegisterResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): ProtoStruct | undefined;
  getProtect(): boolean;
  hasProtect(): boolean;
  getRetainondelete(): boolean;
  getDeletebeforereplace(): boolean;
  getDeletebeforereplacedefined(): boolean;
  getDependenciesList(): string[];
  getProvider(): string;
  getPropertydependenciesMap(): { forEach(cb: (value: { getUrnsList(): string[] }, key: string) => void): void };
  getIgnorechangesList(): string[];
  getReplaceonchangesList(): string[];
  getAdditionalsecretoutputsList(): string[];
  getAliasurnsList(): string[];
  getCustomtimeouts(): { getCreate(): string; getUpdate(): string; getDelete(): string } | undefined;
  getDeletedwith(): string;
  getImportid(): string;
  getVersion(): string;
}

export interface ReadResourceRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getId(): string;
  getProperties(): ProtoStruct | undefined;
  getDependenciesList(): string[];
  getProvider(): string;
  getAdditionalsecretoutputsList(): string[];
  getVersion(): string;
}

export interface RegisterResourceOutputsRequest {
  getUrn(): string;
  getOutputs(): ProtoStruct | undefined;
}

export interface MockResourceArgs {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  provider?: string;
  custom?: boolean;
  id?: string;
}

export interface MockCallArgs {
  token: string;
  inputs: Record<string, unknown>;
  provider?: string;
}

export interface Mocks {
  newResource(args: MockResourceArgs): Promise<{ id: string | undefined; state: Record<string, unknown> }>;
  call(args: MockCallArgs): Promise<Record<string, unknown>>;
}

type Callback = (err: unknown, resp?: unknown) => void;

export interface MockMonitorInstance {
  registerResource(req: RegisterResourceRequest, callback: Callback): Promise<void>;
  registerResourceOutputs(req: RegisterResourceOutputsRequest, callback: Callback): void;
  readResource(req: ReadResourceRequest, callback: Callback): Promise<void>;
}

interface MocksModule {
  MockMonitor: new (mocks: Mocks) => MockMonitorInstance;
}
interface StateModule {
  LocalStore: new () => { logErrorCount: number };
  getStore(): { logErrorCount: number; settings: { monitor?: unknown; engine?: unknown } };
}
interface SettingsModule {
  setMockOptions(monitor: unknown, project?: string, stack?: string, preview?: boolean, organization?: string): void;
  waitForRPCs(): Promise<void>;
}
interface StackModule {
  runInPulumiStack(init: () => Promise<unknown>): Promise<Record<string, unknown> | undefined>;
}

// biome-ignore lint/suspicious/noExplicitAny: narrowing untyped SDK internals to the interfaces above
type Loose = any;

export const mocksModule: MocksModule = require("@pulumi/pulumi/runtime/mocks") as Loose;
export const stateModule: StateModule = require("@pulumi/pulumi/runtime/state") as Loose;
export const settingsModule: SettingsModule = require("@pulumi/pulumi/runtime/settings") as Loose;
export const stackModule: StackModule = require("@pulumi/pulumi/runtime/stack") as Loose;

/** The global AsyncLocalStorage the SDK keeps its per-deployment state in. */
export function runWithFreshStore<T>(fn: () => Promise<T>): Promise<T> {
  const als = (globalThis as Loose).asyncLocalStorage as import("node:async_hooks").AsyncLocalStorage<unknown>;
  return als.run(new stateModule.LocalStore(), fn);
}

/** Equivalent of pulumi.runtime.setMocks with our own monitor instance, inside the current store. */
export function installMonitor(
  monitor: MockMonitorInstance,
  project: string,
  stack: string,
  preview: boolean,
  organization?: string,
): void {
  settingsModule.setMockOptions(monitor, project, stack, preview, organization);
  const store = stateModule.getStore() as unknown as Record<string, unknown>;
  // The feature set pulumi.runtime.setMocks turns on (sdk/nodejs/runtime/mocks.ts).
  Object.assign(store, {
    supportsSecrets: true,
    supportsResourceReferences: true,
    supportsOutputValues: false,
    supportsDeletedWith: true,
    supportsReplaceWith: true,
    supportsAliasSpecs: true,
    supportsTransforms: true,
    supportsInvokeTransforms: true,
    supportsParameterization: true,
    supportsResourceHooks: true,
    supportsErrorHooks: true,
    supportsInvokeDependsOn: false,
  });
}

export interface LogRequest {
  getSeverity(): number;
  getMessage(): string;
  getUrn(): string;
}

/** Log severities of the engine protocol (proto/engine.proto). */
export const LOG_SEVERITY = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3 } as const;

/**
 * A stand-in for the engine's gRPC client: receives the program's log messages (so warnings and
 * errors are reported with the resource they concern) and the root-resource calls of stack startup.
 */
export function installEngine(onLog: (req: LogRequest) => void): void {
  const ok = (_req: unknown, callback: (err: unknown, resp?: unknown) => void) => callback(null, {});
  stateModule.getStore().settings.engine = {
    log(req: LogRequest, callback: (err: unknown) => void) {
      onLog(req);
      callback(null);
    },
    setRootResource: ok,
    getRootResource: ok,
    requirePulumiVersion: ok,
  };
}

/**
 * The SDK's own handler for a transform token: what its callbacks server runs when the engine
 * calls back (runtime/callbacks.js registerTransform: bytes of a TransformRequest in, a
 * TransformResponse out). The map is private to the CallbackServer; this is its one reader.
 */
export function transformCallback(
  token: string,
): ((bytes: Uint8Array) => Promise<import("@pulumi/pulumi/proto/resource_pb").TransformResponse>) | undefined {
  const callbacks = (stateModule.getStore() as Loose).callbacks as { _callbacks?: Map<string, Loose> } | undefined;
  return callbacks?._callbacks?.get(token);
}

/** Stop the current store's callbacks server (started by the first transform), so no socket outlives a run. */
export function shutdownCallbacks(): void {
  const callbacks = (stateModule.getStore() as Loose).callbacks as { _server?: { forceShutdown(): void } } | undefined;
  callbacks?._server?.forceShutdown();
}

export { pulumi };
