/**
 * A standard as data (data/standards/*.json). The engine knows measures by check id;
 * everything specific to a standard — rows, texts, tiers, thresholds — lives in the JSON.
 */
export interface CheckSpec {
  /** a measure id from engine/measures (e.g. `5g`, `video-coverage`), or any id when `attested` */
  id: string;
  /** pass when value ≥ threshold (in the measure's unit); omitted for yes/no checks */
  threshold?: number;
  /** tier-specific measure parameters, e.g. { minFloors: 19 } for throwing */
  params?: Record<string, number | string | boolean>;
  /** true: not computable from geodata; needs an attestation */
  attested?: boolean;
  /** for attested checks: what the reviewer attests, Chinese / English */
  what?: string;
  whatEn?: string;
}

export interface RowSpec {
  row: number;
  category: string;
  categoryEn?: string;
  name: string;
  nameEn: string;
  /** the published requirement text, verbatim */
  requirement: string;
  requirementEn: string;
  checks: CheckSpec[];
}

export interface TierSpec {
  id: string;
  name: string;
  nameEn: string;
  rows: RowSpec[];
  /** optional grading by number of rows met (Beijing stars): highest level whose minMet is reached */
  grading?: {
    level: string | number;
    minMet: number;
    /** a further condition of the level that is not a row count (e.g. Beijing: already rated three-star), for the report */
    condition?: string;
    conditionEn?: string;
  }[];
}

export interface Standard {
  id: string;
  name: string;
  nameEn: string;
  source: string;
  tiers: TierSpec[];
}
