/** What every measure is: a pure function of the twin and its parameters. */
import type { Twin } from '../twin/model.ts';
import type { CheckResult, Unit } from '../report/types.ts';

export type ParamValue = number | string | boolean;
export type Params = Record<string, ParamValue>;

export interface MeasureContext {
  /** the tier's threshold for this check, in the measure's unit (absent for yes/no checks) */
  threshold?: number;
  /** named parameters: the measure's defaults, overridden by the standard's check params, then by the user */
  params: Params;
  tier: string;
}

export interface Measure {
  id: string;
  unit: Unit;
  /** every (choice) of domain.md this measure makes, with its default; listed in report.params */
  defaults: Params;
  /** one line for the report: how the value is computed */
  method: string;
  run(twin: Twin, ctx: MeasureContext): CheckResult;
}
