/**
 * Import/export of one session as a JSON file. Parsing never throws and never touches storage:
 * it returns either a fully validated SessionExport or a human-readable error, so a bad or hostile
 * file changes nothing.
 */
import * as v from 'valibot';
import type { SessionEvent } from '../session/types';
import { SessionExportSchema } from './export-schema';
import { EXPORT_FORMAT, EXPORT_VERSION, type SessionExport, type SessionRecord } from './types';

export type ParseResult = { ok: true; value: SessionExport } | { ok: false; error: string };

/** Keys that must never appear anywhere in an imported object (prototype pollution). */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Event types whose promptId must refer to an earlier `asked` event. */
const PROMPT_REFERENCING: ReadonlySet<SessionEvent['type']> = new Set(['answered', 'skipped', 'repeated', 'covered']);

function fail(error: string): ParseResult {
  return { ok: false, error };
}

function formatSize(chars: number): string {
  const mb = chars / 1_000_000;
  return mb >= 1 ? `${mb.toFixed(1)} MB` : `${Math.ceil(chars / 1000)} kB`;
}

/**
 * Finds the first forbidden key anywhere in a parsed JSON value. Iterative (explicit stack), so a
 * deeply nested file cannot overflow the call stack. (A JSON.parse reviver would do the same job,
 * but V8 runs revivers recursively and throws RangeError beyond a few thousand levels.)
 */
function findForbiddenKey(root: unknown): string | null {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const key of Object.keys(node)) {
      if (FORBIDDEN_KEYS.has(key)) return key;
      const child = (node as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return null;
}

/** "events[3].text" from a valibot issue path. */
function formatPath(path: readonly v.IssuePathItem[] | undefined): string {
  let out = '';
  for (const item of path ?? []) {
    const key = item.key;
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const name = String(key);
      const plain = /^[A-Za-z_$][\w$]*$/.test(name);
      out += plain ? (out ? `.${name}` : name) : `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = formatPath(issue.path);
  const subject = path || 'the file';
  // A required key that is absent: valibot reports an object issue on the key's path.
  if (issue.type === 'object' && issue.received === 'undefined' && issue.path && issue.path.length > 0) {
    return `Invalid export: ${subject} is missing.`;
  }
  return `Invalid export: ${subject} ${issue.message}.`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkEnvelope(data: unknown): string | null {
  if (!isPlainObject(data) || data['format'] !== EXPORT_FORMAT) return 'This is not an interview export.';
  const version = data['version'];
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return 'This export has no valid version number, so it cannot be imported.';
  }
  if (version > EXPORT_VERSION) {
    return `This export comes from a newer version of the app (v${version}). Update the app to import it.`;
  }
  if (version !== EXPORT_VERSION) {
    return `This export's version (v${version}) is not supported by this app, so it cannot be imported.`;
  }
  return null;
}

/** Consistency checks the schema cannot express. */
function checkSemantics(value: SessionExport): string | null {
  const { events, session } = value;
  const first = events[0];
  if (!first) return 'Invalid export: the session has no events.';
  if (first.type !== 'started') {
    return `Invalid export: the first event must be "started", not "${first.type}".`;
  }
  if (session.seed !== first.seed) {
    return 'Invalid export: the session seed does not match the seed of its "started" event.';
  }
  const asked = new Set<number>();
  let prevT = -Infinity;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.t < prevT) {
      return `Invalid export: events[${i}] is earlier than the event before it (t must never decrease).`;
    }
    prevT = e.t;
    if (i > 0 && e.type === 'started') {
      return `Invalid export: events[${i}] is a second "started" event.`;
    }
    if (e.type === 'asked') {
      asked.add(e.promptId);
    } else if (PROMPT_REFERENCING.has(e.type) && 'promptId' in e && !asked.has(e.promptId)) {
      return `Invalid export: events[${i}] (${e.type}) refers to prompt ${e.promptId}, which was not asked before it.`;
    }
  }
  return null;
}

/**
 * Parses and validates the text of an export file. Never throws. Checks, in order: size, JSON
 * syntax, forbidden keys, format and version, the schema (first failing field is named), then
 * consistency of the event log. Unknown keys are stripped from the returned value.
 */
export function parseSessionExport(text: string, maxBytes = 5_000_000): ParseResult {
  try {
    if (typeof text !== 'string') return fail('This file could not be read as text.');
    if (text.length > maxBytes) {
      return fail(`This file is too large (${formatSize(text.length)}; the limit is ${formatSize(maxBytes)}).`);
    }
    if (text.trim() === '') return fail('This file is empty.');

    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return fail('This file is not valid JSON.');
    }

    const forbidden = findForbiddenKey(data);
    if (forbidden !== null) {
      return fail(`This file contains a forbidden key ("${forbidden}") and cannot be imported.`);
    }

    const envelopeError = checkEnvelope(data);
    if (envelopeError) return fail(envelopeError);

    const result = v.safeParse(SessionExportSchema, data, { abortEarly: true });
    if (!result.success) {
      const issue = result.issues[0];
      return fail(issue ? describeIssue(issue) : 'Invalid export.');
    }

    const semanticError = checkSemantics(result.output);
    if (semanticError) return fail(semanticError);

    return { ok: true, value: result.output };
  } catch {
    // Defensive: nothing above should throw, but an import must never crash the app.
    return fail('This file could not be imported.');
  }
}

/** Builds the text of an export file (pretty JSON, 2-space indent) that parseSessionExport accepts. */
export function serialiseSessionExport(
  session: SessionRecord,
  events: SessionEvent[],
  app: string,
  now: number,
): string {
  const file: SessionExport = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: now,
    app,
    session,
    events,
  };
  return JSON.stringify(file, null, 2);
}
