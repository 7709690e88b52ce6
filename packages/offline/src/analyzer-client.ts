import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import type { EnforcementLevel, Policy } from "@pulumi/policy";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { Violation } from "./evaluate.js";
import { type GraphResource, providerOf, type ResourceGraph, SECRET } from "./graph.js";
import { type PolicyConfigDocument, resolvePolicyConfig } from "./policy-config.js";
import { secretEnvelope } from "./values.js";

/** What the pack says about itself (GetAnalyzerInfo). */
export interface AnalyzerInfoSummary {
  name: string;
  version: string;
  supportsConfig: boolean;
  policies: Array<{
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    configSchema?: { properties: Record<string, unknown>; required: string[] };
  }>;
}

/** The pack could not be started, or an RPC failed. */
export class AnalyzerError extends Error {
  override readonly name = "AnalyzerError";
}

const LEVEL_FROM_PROTO: Record<number, EnforcementLevel> = {
  [analyzerPb.EnforcementLevel.ADVISORY]: "advisory",
  [analyzerPb.EnforcementLevel.MANDATORY]: "mandatory",
  [analyzerPb.EnforcementLevel.DISABLED]: "disabled",
  [analyzerPb.EnforcementLevel.REMEDIATE]: "remediate",
};
const LEVEL_TO_PROTO: Record<EnforcementLevel, analyzerPb.EnforcementLevel> = {
  advisory: analyzerPb.EnforcementLevel.ADVISORY,
  mandatory: analyzerPb.EnforcementLevel.MANDATORY,
  disabled: analyzerPb.EnforcementLevel.DISABLED,
  remediate: analyzerPb.EnforcementLevel.REMEDIATE,
};

type StructInput = Parameters<typeof Struct.fromJavaScript>[0];

/** Encode a graph value the way the engine sends it: secrets in the secret envelope, unknowns as the sentinel. */
function encode(value: unknown): unknown {
  if (value === SECRET) return secretEnvelope(SECRET);
  if (Array.isArray(value)) return value.map(encode);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = encode(v);
    return out;
  }
  return value;
}

function struct(value: Record<string, unknown>): Struct {
  return Struct.fromJavaScript(encode(value) as StructInput);
}

function durationSeconds(v: string | undefined): number {
  const m = v ? /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(v) : null;
  if (!m) return 0;
  const n = Number(m[1]);
  return m[2] === "ms" ? n / 1000 : m[2] === "m" ? n * 60 : m[2] === "h" ? n * 3600 : n;
}

function options(r: GraphResource): analyzerPb.AnalyzerResourceOptions {
  const o = new analyzerPb.AnalyzerResourceOptions();
  o.setProtect(r.options.protect);
  o.setIgnorechangesList(r.options.ignoreChanges);
  if (r.options.deleteBeforeReplace !== undefined) {
    o.setDeletebeforereplace(r.options.deleteBeforeReplace);
    o.setDeletebeforereplacedefined(true);
  }
  o.setAdditionalsecretoutputsList(r.options.additionalSecretOutputs);
  o.setAliasesList(r.options.aliases);
  const t = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts();
  t.setCreate(durationSeconds(r.options.customTimeouts?.create));
  t.setUpdate(durationSeconds(r.options.customTimeouts?.update));
  t.setDelete(durationSeconds(r.options.customTimeouts?.delete));
  o.setCustomtimeouts(t);
  if (r.parent) o.setParent(r.parent);
  return o;
}

function provider(graph: ResourceGraph, r: GraphResource): analyzerPb.AnalyzerProviderResource | undefined {
  const p = providerOf(graph, r);
  if (!p) return undefined;
  const pr = new analyzerPb.AnalyzerProviderResource();
  pr.setType(p.type);
  pr.setProperties(struct(p.inputs));
  pr.setUrn(p.urn);
  pr.setName(p.name);
  return pr;
}

/**
 * A diagnostic as our violation. For Analyze (one resource) the engine attributes a diagnostic
 * that names no urn to the resource it analyzed; `defaultUrn` does the same.
 */
function toViolation(d: analyzerPb.AnalyzeDiagnostic, defaultUrn?: string): Violation {
  const description = d.getDescription();
  let message = d.getMessage();
  // The analyzer prefixes a reported message with the policy's description (makeReportViolationFun).
  if (message.startsWith(`${description}\n`)) message = message.slice(description.length + 1);
  const level = LEVEL_FROM_PROTO[d.getEnforcementlevel()] ?? "advisory";
  return {
    policyPack: d.getPolicypackname(),
    policy: d.getPolicyname(),
    enforcementLevel: level === "mandatory" || level === "remediate" ? "mandatory" : "advisory",
    ...(d.getUrn() || defaultUrn ? { urn: d.getUrn() || defaultUrn } : {}),
    message,
    description,
  };
}

function call<Req, Res>(
  fn: (req: Req, cb: (err: grpc.ServiceError | null, res: Res) => void) => unknown,
  req: Req,
  what: string,
): Promise<Res> {
  return new Promise((resolve, reject) => {
    fn(req, (err, res) => {
      if (err) reject(new AnalyzerError(`${what} failed: ${err.details || err.message}`));
      else resolve(res);
    });
  });
}

/** A running policy pack, spoken to over the analyzer protocol. */
export class AnalyzerSession {
  private constructor(
    private readonly child: ChildProcess,
    private readonly client: analyzerGrpc.AnalyzerClient,
    readonly port: number,
  ) {}

  /**
   * Start a policy pack the way the Pulumi CLI does: run its program (the `main` of its
   * package.json, from the pack's directory, where `new PolicyPack` reads the version) and read
   * the gRPC port it prints on stdout.
   */
  static async start(packDir: string, opts: { entry?: string; timeoutMs?: number } = {}): Promise<AnalyzerSession> {
    const pkg = JSON.parse(readFileSync(join(packDir, "package.json"), "utf8")) as { main?: string };
    const entry = opts.entry ?? pkg.main ?? "index.js";
    const child = spawn(process.execPath, [entry], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const port = await new Promise<number>((resolve, reject) => {
      let stdout = "";
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(
          new AnalyzerError(
            `policy pack in ${packDir} printed no port within ${opts.timeoutMs ?? 30000} ms; stderr: ${stderr.trim() || "(empty)"}`,
          ),
        );
      }, opts.timeoutMs ?? 30000);
      child.stdout?.on("data", (d: Buffer) => {
        stdout += d.toString();
        const line = stdout.split("\n").find((l) => /^\d+\s*$/.test(l));
        if (line) {
          clearTimeout(timer);
          resolve(Number(line.trim()));
        }
      });
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(
          new AnalyzerError(
            `policy pack in ${packDir} exited (${signal ?? `code ${code}`}) before serving; stderr: ${stderr.trim() || "(empty)"}`,
          ),
        );
      });
      child.once("error", (err) => {
        clearTimeout(timer);
        reject(new AnalyzerError(`cannot start policy pack in ${packDir}: ${err.message}`));
      });
    });
    const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": 400 * 1024 * 1024,
      "grpc.max_send_message_length": 400 * 1024 * 1024,
    });
    return new AnalyzerSession(child, client, port);
  }

  /** The pack process's id. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  async info(): Promise<AnalyzerInfoSummary> {
    const res = await call<Empty, analyzerPb.AnalyzerInfo>(
      this.client.getAnalyzerInfo.bind(this.client),
      new Empty(),
      "GetAnalyzerInfo",
    );
    return {
      name: res.getName(),
      version: res.getVersion(),
      supportsConfig: res.getSupportsconfig(),
      policies: res.getPoliciesList().map((p) => {
        const schema = p.getConfigschema();
        return {
          name: p.getName(),
          description: p.getDescription(),
          enforcementLevel: LEVEL_FROM_PROTO[p.getEnforcementlevel()] ?? "advisory",
          ...(schema
            ? {
                configSchema: {
                  properties: schema.getProperties()?.toJavaScript() ?? {},
                  required: schema.getRequiredList(),
                },
              }
            : {}),
        };
      }),
    };
  }

  /**
   * Configure the pack with a policy config document, after checking it against the config
   * schemas the pack declares — the check the CLI makes before a preview.
   */
  async configure(document: PolicyConfigDocument | undefined, file?: string): Promise<void> {
    const info = await this.info();
    const asPolicies = info.policies.map(
      (p) =>
        ({
          name: p.name,
          description: p.description,
          enforcementLevel: p.enforcementLevel,
          ...(p.configSchema ? { configSchema: p.configSchema } : {}),
        }) as unknown as Policy,
    );
    const resolved = resolvePolicyConfig(asPolicies, document, file ? { file } : {});
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, cfg] of resolved) {
      const pc = new analyzerPb.PolicyConfig();
      pc.setEnforcementlevel(LEVEL_TO_PROTO[cfg.enforcementLevel]);
      pc.setProperties(Struct.fromJavaScript(cfg.properties as StructInput));
      map.set(name, pc);
    }
    await call(this.client.configure.bind(this.client), req, "Configure");
  }

  /** Analyze every resource (Analyze, a few in flight at once) and then the stack (AnalyzeStack). */
  async analyzeGraph(graph: ResourceGraph, concurrency = 16): Promise<Violation[]> {
    const perResource: Violation[][] = new Array(graph.resources.length);
    let next = 0;
    const worker = async () => {
      while (next < graph.resources.length) {
        const i = next++;
        const r = graph.resources[i] as GraphResource;
        const req = new analyzerPb.AnalyzeRequest();
        req.setType(r.type);
        req.setProperties(struct(r.inputs));
        req.setUrn(r.urn);
        req.setName(r.name);
        req.setOptions(options(r));
        const p = provider(graph, r);
        if (p) req.setProvider(p);
        const res = await call<analyzerPb.AnalyzeRequest, analyzerPb.AnalyzeResponse>(
          this.client.analyze.bind(this.client),
          req,
          `Analyze ${r.urn}`,
        );
        perResource[i] = res.getDiagnosticsList().map((d) => toViolation(d, r.urn));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, graph.resources.length) }, worker));
    const stackReq = new analyzerPb.AnalyzeStackRequest();
    stackReq.setResourcesList(
      graph.resources.map((r) => {
        const ar = new analyzerPb.AnalyzerResource();
        ar.setType(r.type);
        ar.setProperties(struct(r.inputs));
        ar.setUrn(r.urn);
        ar.setName(r.name);
        ar.setOptions(options(r));
        const p = provider(graph, r);
        if (p) ar.setProvider(p);
        if (r.parent) ar.setParent(r.parent);
        ar.setDependenciesList(r.dependencies);
        const deps = ar.getPropertydependenciesMap();
        for (const [k, urns] of Object.entries(r.propertyDependencies)) {
          const d = new analyzerPb.AnalyzerPropertyDependencies();
          d.setUrnsList(urns);
          deps.set(k, d);
        }
        return ar;
      }),
    );
    const stackRes = await call<analyzerPb.AnalyzeStackRequest, analyzerPb.AnalyzeResponse>(
      this.client.analyzeStack.bind(this.client),
      stackReq,
      "AnalyzeStack",
    );
    return [...perResource.flat(), ...stackRes.getDiagnosticsList().map((d) => toViolation(d))];
  }

  /** Stop the pack's process (always call, also on error). */
  async close(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.child.kill("SIGKILL");
      }, 5000);
      this.child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.kill("SIGTERM");
    });
  }
}

/**
 * Evaluate a graph with a policy pack over the analyzer protocol, as `pulumi preview
 * --policy-pack <packDir> --policy-pack-config <file>` would: start, configure, analyze, stop.
 */
export async function evaluatePoliciesGrpc(
  graph: ResourceGraph,
  packDir: string,
  opts: { config?: PolicyConfigDocument; configFile?: string; entry?: string } = {},
): Promise<Violation[]> {
  const session = await AnalyzerSession.start(packDir, opts.entry ? { entry: opts.entry } : {});
  try {
    await session.configure(opts.config, opts.configFile);
    return await session.analyzeGraph(graph);
  } finally {
    await session.close();
  }
}
