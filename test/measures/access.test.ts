import { measure } from '../../engine/measures/access.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
