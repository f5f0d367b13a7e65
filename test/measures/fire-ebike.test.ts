import { measure } from '../../engine/measures/fire-ebike.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
