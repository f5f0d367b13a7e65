import { measure } from '../../engine/measures/garbage.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
