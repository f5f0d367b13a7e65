import { measure } from '../../engine/measures/charging.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
