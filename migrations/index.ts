import { Foundation1764300000000 } from './1764300000000-Foundation.js';

/** Every migration, oldest first. New modules append theirs here. */
export const migrations = [Foundation1764300000000];
