import { measure } from '../../engine/measures/fibre.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
