/** Coordinate systems of Chinese geodata → WGS 84 (domain.md §1, CRS paragraph). */
export { CRS_HELP, CrsError, describeCrs, isProjected, parseCrs, type CrsCode } from './codes.ts';
export { gaussKruger, gaussKrugerByParameters, gaussKrugerByZoneNumber, type GaussKrugerZone } from './gaussKruger.ts';
export { detectShift, distanceM, guessCrs, type CrsGuess, type ShiftGuess } from './guess.ts';
export { fromWgs84, positionFromWgs84, positionToWgs84, positionsOf, toWgs84 } from './transform.ts';
