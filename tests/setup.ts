import { afterAll } from 'vitest';
import { dropCreatedDatabases, onPostgres } from './support/db.js';

// Each test file's PostgreSQL databases go when the file ends.
if (onPostgres) afterAll(dropCreatedDatabases);
