/** The server API (server/**): community list, twin file and report. */
import type { Report } from '../engine/report/types.ts';
import type { TwinFile } from '../engine/twin/types.ts';
import type { Tier } from './state.ts';

export interface CommunitySummary {
  id: string;
  name: string;
  adminCode?: string;
  areaM2?: number;
  counts?: Record<string, number>;
  version?: number;
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  if (!response.ok) {
    const body = await response.text();
    throw new Error(`${url}: HTTP ${response.status} ${body.slice(0, 200)}`);
  }
  return (await response.json()) as T;
}

export const fetchCommunities = (signal?: AbortSignal) =>
  getJson<CommunitySummary[]>('/api/communities', signal);

export const fetchTwin = (id: string, signal?: AbortSignal) =>
  getJson<TwinFile>(`/api/communities/${encodeURIComponent(id)}/twin`, signal);

export const fetchReport = (id: string, tier: Tier, standard: string, signal?: AbortSignal) =>
  getJson<Report>(
    `/api/communities/${encodeURIComponent(id)}/report?tier=${tier}&standard=${encodeURIComponent(standard)}`,
    signal,
  );
