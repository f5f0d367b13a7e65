import { measure } from '../../engine/measures/energy.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
