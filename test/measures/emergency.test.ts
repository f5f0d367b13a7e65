import { measure } from '../../engine/measures/emergency.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
