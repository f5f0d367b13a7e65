import { measure } from '../../engine/measures/perimeter.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
