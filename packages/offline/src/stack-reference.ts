import * as pulumi from "@pulumi/pulumi";

/**
 * StackReference outputs read one by one, for a program planned against state.
 *
 * The real engine reads a referenced stack as deployed, so every output is known. Offline, a plan
 * against state hands a StackReference the referenced stack's *preview* (what it becomes once its
 * own change is applied), where an output computed from a created or replaced resource is unknown
 * and the others are the deployed values. The SDK keeps all of a StackReference's outputs in one
 * `outputs` map and derives `getOutput(name)` from it with a plain `apply`, which makes every output
 * unknown as soon as one is (sdk/nodejs/stackReference.ts, `getOutput`). This runs `fn` with
 * `getOutput` and `requireOutput` picking the named output out of the map the way the SDK's own
 * output proxy lifts a property (an apply that runs with unknowns), so an unchanged output stays
 * known and only what depends on a changed one becomes unknown. The SDK's originals are restored
 * afterwards; runs in one process are sequential (each has its own runtime store).
 */
export async function withOutputWiseStackReferences<T>(fn: () => Promise<T>): Promise<T> {
  const proto = pulumi.StackReference.prototype as unknown as Record<string, unknown>;
  const original = { getOutput: proto.getOutput, requireOutput: proto.requireOutput };
  type Outputs = pulumi.Output<Record<string, unknown>>;
  // `apply`'s second parameter (runWithUnknowns) is the SDK's own, used by its output proxy.
  type ApplyWithUnknowns = (
    func: (v: [string, Record<string, unknown>]) => unknown,
    runWithUnknowns: boolean,
  ) => unknown;
  const pick = (
    self: { outputs: Outputs; name: pulumi.Output<string> },
    name: pulumi.Input<string>,
    required: boolean,
  ) => {
    const both = pulumi.all([pulumi.output(name), self.outputs]) as unknown as { apply: ApplyWithUnknowns };
    return both.apply(([n, os]) => {
      if (pulumi.isUnknown(os) || typeof os !== "object" || os === null) return os;
      if (required && !Object.hasOwn(os, n)) throw new Error(`Required output '${n}' does not exist on the stack`);
      return os[n];
    }, true);
  };
  proto.getOutput = function (this: { outputs: Outputs; name: pulumi.Output<string> }, name: pulumi.Input<string>) {
    return pick(this, name, false);
  };
  proto.requireOutput = function (this: { outputs: Outputs; name: pulumi.Output<string> }, name: pulumi.Input<string>) {
    return pick(this, name, true);
  };
  try {
    return await fn();
  } finally {
    proto.getOutput = original.getOutput;
    proto.requireOutput = original.requireOutput;
  }
}
