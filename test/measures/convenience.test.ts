import { measure } from '../../engine/measures/convenience.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
