import { measure } from '../../engine/measures/fire-hazard.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
