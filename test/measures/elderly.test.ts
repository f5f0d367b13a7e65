import { measure } from '../../engine/measures/elderly.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
