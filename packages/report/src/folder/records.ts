/**
 * Shape checks for the JSONL files of a run folder, read back from disk (untrusted: a folder can be
 * edited or come from elsewhere). Each returns what is wrong with one record, or undefined; the
 * loader turns that into a RunFolderError naming file and line, never a crash (issue 21: a garbage
 * nemesis.jsonl exited 70).
 */
type Problem = string | undefined;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** What is wrong with one `nemesis.jsonl` record. */
export function nemesisProblem(r: unknown): Problem {
  if (!isObject(r)) return 'must be an object {t, op, text}';
  if (!isFiniteNumber(r['t'])) return '"t" must be a finite number (ms)';
  if (typeof r['text'] !== 'string') return '"text" must be a string';
  if (r['history'] !== undefined && typeof r['history'] !== 'string') return '"history" must be a string when present';
  if (r['lateMs'] !== undefined && (!isFiniteNumber(r['lateMs']) || r['lateMs'] < 0)) return '"lateMs" must be a number of ms, not negative, when present';
  if (r['skipped'] !== undefined && typeof r['skipped'] !== 'string') return '"skipped" must be a string (the reason) when present';
  const op = r['op'];
  if (!isObject(op) || typeof op['kind'] !== 'string') return '"op" must be an object with a string "kind"';
  if (op['nodes'] !== undefined && !isStrings(op['nodes'])) return '"op.nodes" must be a list of node names';
  const plan = op['plan'];
  if (plan !== undefined && (!isObject(plan) || !Array.isArray(plan['groups']) || !plan['groups'].every(isStrings))) return '"op.plan.groups" must be lists of node names';
  return undefined;
}

/** What is wrong with one `membership.jsonl` record. */
export function membershipProblem(r: unknown): Problem {
  if (!isObject(r)) return 'must be an object {type, observer, at}';
  if (typeof r['type'] !== 'string' || typeof r['observer'] !== 'string') return '"type" and "observer" must be strings';
  if (!isFiniteNumber(r['at'])) return '"at" must be a finite number (ms)';
  for (const k of ['node', 'status'] as const) if (r[k] !== undefined && typeof r[k] !== 'string') return `"${k}" must be a string when present`;
  const q = r['quorum'];
  if (q !== undefined && (!isObject(q) || typeof q['hasQuorum'] !== 'boolean' || !isFiniteNumber(q['reachable']) || !isFiniteNumber(q['needed']))) return '"quorum" must be {hasQuorum, reachable, needed}';
  return undefined;
}

/** What is wrong with one `raft-roles.jsonl` record. */
export function raftProblem(r: unknown): Problem {
  if (!isObject(r)) return 'must be an object {node, at, role, term, commitIndex}';
  if (typeof r['node'] !== 'string' || typeof r['role'] !== 'string') return '"node" and "role" must be strings';
  for (const k of ['at', 'term', 'commitIndex'] as const) if (!isFiniteNumber(r[k])) return `"${k}" must be a finite number`;
  return undefined;
}

/** What is wrong with one `trace.jsonl` record. */
export function traceProblem(r: unknown): Problem {
  if (!isObject(r)) return 'must be a trace event object';
  if (!isFiniteNumber(r['t']) || !isFiniteNumber(r['id']) || !isFiniteNumber(r['bytes'])) return '"t", "id" and "bytes" must be finite numbers';
  if (r['ev'] !== 'send' && r['ev'] !== 'deliver' && r['ev'] !== 'drop') return '"ev" must be send, deliver or drop';
  for (const k of ['from', 'to', 'src', 'dst', 'kind'] as const) if (typeof r[k] !== 'string') return `"${k}" must be a string`;
  for (const k of ['type', 'reason', 'hlc', 'payload'] as const) if (r[k] !== undefined && typeof r[k] !== 'string') return `"${k}" must be a string when present`;
  if (r['lamport'] !== undefined && !isFiniteNumber(r['lamport'])) return '"lamport" must be a number when present';
  const vc = r['vc'];
  if (vc !== undefined && (!isObject(vc) || !Object.values(vc).every(isFiniteNumber))) return '"vc" must map node names to numbers';
  return undefined;
}
