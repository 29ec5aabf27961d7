/**
 * The value of a JSON column: SQLite and MySQL hand back its text, PostgreSQL the decoded value. The
 * caller names the type it stored there (the plugin wrote the column itself).
 */
export const fromJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
