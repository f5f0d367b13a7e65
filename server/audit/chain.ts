/**
 * The audit chain: each row's hash is sha256 over its canonical JSON and the previous row's
 * hash, so changing, removing or reordering a row breaks every link after it.
 */
import { createHash } from 'node:crypto';

/** The prevHash of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface AuditRecord {
  actor: string;
  /** ISO 8601 with milliseconds (what timestamptz gives back) */
  at: string;
  action: string;
  /** `community:<id>`, `scenario:<id>`, `user:<name>`, `telemetry`, … */
  target: string;
  beforeHash: string | null;
  afterHash: string | null;
  details: { [key: string]: Json };
}

/** JSON with object keys sorted at every level: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash a row must carry, given the hash of the row before it. */
export function chainHash(record: AuditRecord, prevHash: string): string {
  const { actor, at, action, target, beforeHash, afterHash, details } = record;
  return sha256Hex(`${canonicalJson({ actor, at, action, target, beforeHash, afterHash, details })}\n${prevHash}`);
}
