import { measure } from '../../engine/measures/tv.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
