// Resource transforms (`transforms` option, `pulumi.runtime.registerResourceTransform`) as the
// engine applies them. With a real CLI the SDK registers each transform with its callbacks server
// and sends the engine only a token; the engine calls back with a TransformRequest before it does
// anything else with a RegisterResource and replaces the resource's inputs and options with the
// answer. The SDK's mock monitor (runtime/mocks.js) only hands the transforms to the mocks, so a
// program run offline would build what its transforms were written to change. Here the offline
// monitor calls the same callbacks the engine would, with the same requests, in the engine's order:
// the resource's own transforms, then each ancestor's (a component's transforms reach all its
// children), then the stack transforms registered so far (they sit on the root stack resource).
// The older `transformations` are applied by the SDK itself before the RPC, under mocks as well.
import * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { transformCallback } from "./pulumi-internals.js";

type RegisterResourceRequest = resproto.RegisterResourceRequest;

/** The transform tokens the engine would apply, and what it needs to remember to compute them. */
export class TransformChain {
  /** Stack transforms, in registration order. */
  private readonly stack: string[] = [];
  /** Each registered resource's own transform tokens (inherited by its children). */
  private readonly own = new Map<string, string[]>();
  /** Each registered resource's parent URN. */
  private readonly parents = new Map<string, string>();

  /** `pulumi.runtime.registerResourceTransform`: applies to every resource registered after it. */
  addStackTransform(token: string): void {
    this.stack.push(token);
  }

  /** Remember a registered resource, so its children inherit its transforms. */
  record(urn: string, req: RegisterResourceRequest): void {
    const tokens = req.getTransformsList().map((t) => t.getToken());
    if (tokens.length > 0) this.own.set(urn, tokens);
    if (req.getParent()) this.parents.set(urn, req.getParent());
  }

  /** The tokens to apply to `req`, in order: its own, each ancestor's (nearest first), the stack's. */
  tokensFor(req: RegisterResourceRequest): string[] {
    const tokens = req.getTransformsList().map((t) => t.getToken());
    const seen = new Set<string>();
    for (let parent = req.getParent(); parent && !seen.has(parent); parent = this.parents.get(parent) ?? "") {
      seen.add(parent);
      tokens.push(...(this.own.get(parent) ?? []));
    }
    return [...tokens, ...this.stack];
  }

  /**
   * Apply the transforms to a RegisterResourceRequest in place, one after another, each seeing the
   * previous one's result (async transforms awaited), as the engine does before registering it.
   */
  async apply(req: RegisterResourceRequest): Promise<void> {
    for (const token of this.tokensFor(req)) {
      const callback = transformCallback(token);
      if (!callback) throw new Error(`transform ${token} of ${req.getType()} "${req.getName()}" is not registered`);
      const request = new resproto.TransformRequest();
      request.setType(req.getType());
      request.setName(req.getName());
      request.setCustom(req.getCustom());
      request.setParent(req.getParent());
      const props = req.getObject();
      if (props) request.setProperties(props);
      request.setOptions(optionsOf(req));
      const response = await callback(request.serializeBinary());
      const properties = response.getProperties();
      if (properties) req.setObject(properties);
      const options = response.getOptions();
      if (options) applyOptions(req, options);
    }
  }
}

type TransformOptions = resproto.TransformResourceOptions;

/** The options of a RegisterResourceRequest as the engine puts them in a TransformRequest. */
function optionsOf(req: RegisterResourceRequest): TransformOptions {
  const o = new resproto.TransformResourceOptions();
  o.setAliasesList(req.getAliasesList());
  o.setCustomTimeouts(req.getCustomtimeouts());
  o.setDeletedWith(req.getDeletedwith());
  if (req.getDeletebeforereplacedefined()) o.setDeleteBeforeReplace(req.getDeletebeforereplace());
  o.setDependsOnList(req.getDependenciesList());
  o.setIgnoreChangesList(req.getIgnorechangesList());
  o.setPluginDownloadUrl(req.getPlugindownloadurl());
  if (req.hasProtect()) o.setProtect(req.getProtect() ?? false);
  o.setProvider(req.getProvider());
  req.getProvidersMap().forEach((v, k) => {
    o.getProvidersMap().set(k, v);
  });
  o.setReplaceOnChangesList(req.getReplaceonchangesList());
  o.setReplaceWithList(req.getReplaceWithList());
  if (req.hasRetainondelete()) o.setRetainOnDelete(req.getRetainondelete() ?? false);
  o.setVersion(req.getVersion());
  o.setAdditionalSecretOutputsList(req.getAdditionalsecretoutputsList());
  o.setImport(req.getImportid());
  o.setHideDiffList(req.getHidediffsList());
  return o;
}

/** Replace the request's options with a transform's answer (the engine takes them whole). */
function applyOptions(req: RegisterResourceRequest, o: TransformOptions): void {
  req.setAliasesList(o.getAliasesList());
  req.setCustomtimeouts(o.getCustomTimeouts());
  req.setDeletedwith(o.getDeletedWith());
  req.setDeletebeforereplace(o.getDeleteBeforeReplace() ?? false);
  req.setDeletebeforereplacedefined(o.hasDeleteBeforeReplace());
  req.setDependenciesList(o.getDependsOnList());
  req.setIgnorechangesList(o.getIgnoreChangesList());
  req.setPlugindownloadurl(o.getPluginDownloadUrl());
  if (o.hasProtect()) req.setProtect(o.getProtect() ?? false);
  else req.clearProtect();
  req.setProvider(o.getProvider());
  req.setReplaceonchangesList(o.getReplaceOnChangesList());
  req.setReplaceWithList(o.getReplaceWithList());
  if (o.hasRetainOnDelete()) req.setRetainondelete(o.getRetainOnDelete() ?? false);
  else req.clearRetainondelete();
  req.setVersion(o.getVersion());
  req.setAdditionalsecretoutputsList(o.getAdditionalSecretOutputsList());
  req.setImportid(o.getImport());
  req.setHidediffsList(o.getHideDiffList());
}
