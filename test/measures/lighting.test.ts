import { measure } from '../../engine/measures/lighting.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
