/** The measure registry: check id → measure (every computed check id of domain.md §2). */
import type { Measure } from './types.ts';
import { measure as fibre } from './fibre.ts';
import { measure as fiveG } from './5g.ts';
import { measure as fiveGIndoor } from './5g-indoor.ts';
import { measure as tv } from './tv.ts';
import { measure as videoCoverage } from './video-coverage.ts';
import { measure as videoOnline } from './video-online.ts';
import { measure as videoIntact } from './video-intact.ts';
import { measure as videoImageout } from './video-imageout.ts';
import { measure as videoCompliance } from './video-compliance.ts';
import { measure as lighting } from './lighting.ts';
import { measure as charging } from './charging.ts';
import { measure as energy } from './energy.ts';
import { measure as sportsWalk } from './sports-walk.ts';
import { measure as library } from './library.ts';
import { measure as access } from './access.ts';
import { measure as perimeter } from './perimeter.ts';
import { measure as throwing } from './throwing.ts';
import { measure as fireEbike } from './fire-ebike.ts';
import { measure as fireHazard } from './fire-hazard.ts';
import { measure as garbage } from './garbage.ts';
import { measure as convenience } from './convenience.ts';
import { measure as patrol } from './patrol.ts';
import { measure as emergency } from './emergency.ts';
import { measure as elderly } from './elderly.ts';

const all: Measure[] = [
  fibre, fiveG, fiveGIndoor, tv, videoCoverage, videoOnline, videoIntact, videoImageout, videoCompliance,
  lighting, charging, energy, sportsWalk, library, access, perimeter, throwing,
  fireEbike, fireHazard, garbage, convenience, patrol, emergency, elderly,
];

export const measures: Record<string, Measure> = Object.fromEntries(all.map((m) => [m.id, m]));
