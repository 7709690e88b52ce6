import type { AlarmThresholds } from "@dms-platform/config";
import { type AlarmSpec, breachesAlarm, taskAlarmSpecs } from "@dms-platform/dms/operate";

/**
 * CDC latency as `status`, `cutover-check` and the alarms all judge it (docs/status.md, "How CDC
 * latency is judged"). The series is read with the alarm's own statistic and period
 * (taskAlarmSpecs: Maximum over `periodSeconds`), each point is compared with the alarm's own
 * rule (breachesAlarm: strictly greater than `cdcLatencySeconds`), and a series is evidence only
 * while it is fresh:
 *
 * - fresh: the newest point's period ended at most one period before now (a CloudWatch timestamp
 *   is the start of its period: `at + period >= now - period`); otherwise "no data";
 * - covered (what the gate also needs): a point for the window's first period (at or before
 *   `windowStart + period`) and no gap of more than one period between points.
 *
 * No data is never "under the threshold": `status` warns about it for a running CDC task and the
 * gate fails on it.
 */

export type LatencySide = "source" | "target";

/** One metric's points, oldest first, seconds. */
export interface LatencyPoints {
  metricName: "CDCLatencySource" | "CDCLatencyTarget";
  points: Array<{ at: Date; seconds: number }>;
}

export interface LatencyJudgement {
  /** ok: fresh and no period over; over: a period breached; no-data: nothing fresh; unavailable: could not be read. */
  state: "ok" | "over" | "no-data" | "unavailable";
  /** Largest value over the window, seconds. */
  max?: number;
  /** The newest value and its period start. */
  last?: number;
  lastAt?: string;
  points: number;
  /** Whether the window is covered from its first period to now without gaps (the gate's condition). */
  covered: boolean;
  /** What is missing (no-data, a gap, a late first point) or why it could not be read. */
  detail?: string;
}

/** The query the judgement needs: the alarm's statistic and period, over a window of whole periods. */
export interface LatencyQuery {
  spec: Pick<AlarmSpec, "statistic" | "period" | "comparisonOperator" | "threshold" | "evaluationPeriods">;
  start: Date;
  end: Date;
}

/** The CDC latency alarm's spec for the profile (both sides have the same rule). */
export function latencySpec(thresholds: AlarmThresholds): LatencyQuery["spec"] {
  const [spec] = taskAlarmSpecs("task", "cdc", thresholds);
  if (!spec) throw new Error("taskAlarmSpecs gave no CDC latency alarm for a cdc task");
  return spec;
}

/** The window: `minutes` back from now, at least one alarm period, its start on a period boundary. */
export function latencyQuery(thresholds: AlarmThresholds, minutes: number, now: Date): LatencyQuery {
  const spec = latencySpec(thresholds);
  const periodMs = spec.period * 1000;
  const span = Math.max(minutes * 60_000, periodMs);
  // CloudWatch answers faster, and with whole periods, for a start aligned to the period
  // (API_GetMetricData, StartTime).
  const start = new Date(Math.floor((now.getTime() - span) / periodMs) * periodMs);
  return { spec, start, end: now };
}

const hhmm = (d: Date) => d.toISOString().slice(11, 16);

/** Judge one side's points over the query's window. Pure. */
export function judgeLatency(points: LatencyPoints["points"], query: LatencyQuery): LatencyJudgement {
  const periodMs = query.spec.period * 1000;
  const inWindow = points
    .filter((p) => p.at.getTime() >= query.start.getTime() && p.at.getTime() <= query.end.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const newest = inWindow.at(-1);
  if (!newest) {
    return {
      state: "no-data",
      points: 0,
      covered: false,
      detail: `no data point since ${hhmm(query.start)} UTC`,
    };
  }
  const max = Math.max(...inWindow.map((p) => p.seconds));
  const base = {
    max,
    last: newest.seconds,
    lastAt: newest.at.toISOString(),
    points: inWindow.length,
  };
  const fresh = newest.at.getTime() + periodMs >= query.end.getTime() - periodMs;
  const gaps: string[] = [];
  const first = inWindow[0];
  if (first && first.at.getTime() > query.start.getTime() + periodMs) {
    gaps.push(`no data from ${hhmm(query.start)} to ${hhmm(first.at)} UTC`);
  }
  for (let i = 1; i < inWindow.length; i++) {
    const a = inWindow[i - 1];
    const b = inWindow[i];
    if (a && b && b.at.getTime() - a.at.getTime() > periodMs) {
      gaps.push(`no data from ${hhmm(new Date(a.at.getTime() + periodMs))} to ${hhmm(b.at)} UTC`);
    }
  }
  if (!fresh) {
    return {
      state: "no-data",
      ...base,
      covered: false,
      detail: `newest point at ${hhmm(newest.at)} UTC, more than one ${query.spec.period} s period old`,
    };
  }
  const over = inWindow.some((p) => breachesAlarm(query.spec, p.seconds));
  return {
    state: over ? "over" : "ok",
    ...base,
    covered: gaps.length === 0,
    ...(gaps.length > 0 ? { detail: gaps.join("; ") } : {}),
  };
}

/** `(alarm: Maximum > 600 s for 3 x 300 s)`: the rule, as every message states it. */
export function ruleText(spec: LatencyQuery["spec"]): string {
  return `${spec.statistic} ${spec.comparisonOperator === "GreaterThanThreshold" ? ">" : "<"} ${spec.threshold} s per ${spec.period} s period; the alarm fires after ${spec.evaluationPeriods}`;
}
