import { measure } from '../../engine/measures/patrol.ts';
import { measureFixtures } from './measure-fixtures.ts';

measureFixtures(measure);
