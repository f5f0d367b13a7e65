import { measure } from '../../engine/measures/library.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
