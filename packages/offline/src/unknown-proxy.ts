// The proxy the policy analyzer wraps resource inputs in (`unknownCheckingProxy` of
// @pulumi/policy/proxy.js), with the same behaviour: reading a value that is unknown during preview
// throws the analyzer's own UnknownValueError naming the property path (`.tags.Name`); any other
// value reads through, objects (arrays, functions) wrapped in turn, a non-configurable read-only
// property returned as is (the Proxy invariant). The analyzer's proxy allocates the path and a
// property descriptor on every read; this one builds the path only when it throws and returns
// primitives directly, which took a third off evaluating the pack on large graphs
// (docs/benchmarks.md). Keep it in step with the analyzer's: the AnalyzerSession tests compare
// verdicts with the real pack.

// biome-ignore lint/suspicious/noExplicitAny: untyped internal module, narrowed below
type Loose = any;
const policyProxy: {
  UnknownValueError: new (sentinel: string, props: PropertyKey[]) => Error;
  isSpecialProxy: string;
  getSpecialProxyTarget: string;
  unknownBooleanValue: string;
  unknownNumberValue: string;
  unknownStringValue: string;
  unknownArrayValue: string;
  unknownAssetValue: string;
  unknownArchiveValue: string;
  unknownObjectValue: string;
} = require("@pulumi/policy/proxy") as Loose;

const UNKNOWN_VALUES: ReadonlySet<unknown> = new Set([
  policyProxy.unknownBooleanValue,
  policyProxy.unknownNumberValue,
  policyProxy.unknownStringValue,
  policyProxy.unknownArrayValue,
  policyProxy.unknownAssetValue,
  policyProxy.unknownArchiveValue,
  policyProxy.unknownObjectValue,
]);

/** Where a proxied value sits: its parent's path and its own key. */
interface PathNode {
  parent: PathNode | undefined;
  key: PropertyKey;
}

function pathOf(node: PathNode): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let n: PathNode | undefined = node; n; n = n.parent) path.push(n.key);
  return path.reverse();
}

function wrap<T>(value: T, at: PathNode | undefined): T {
  if (!(value instanceof Object)) return value;
  return new Proxy(value, {
    get(target, key) {
      if (key === policyProxy.isSpecialProxy) return true;
      if (key === policyProxy.getSpecialProxyTarget) return target;
      const field = (target as Record<PropertyKey, unknown>)[key];
      if (UNKNOWN_VALUES.has(field)) {
        throw new policyProxy.UnknownValueError(field as string, pathOf({ parent: at, key }));
      }
      if (!(field instanceof Object)) return field;
      const desc = Object.getOwnPropertyDescriptor(target, key);
      if (desc && "value" in desc && desc.configurable === false && desc.writable === false) return field;
      return wrap(field, { parent: at, key });
    },
  });
}

/** Resource inputs as a policy sees them under the analyzer: reading an unknown value throws. */
export function unknownCheckingProxy<T extends object>(inputs: T): T {
  return wrap(inputs, undefined);
}
