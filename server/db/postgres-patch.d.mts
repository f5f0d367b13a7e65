/** Types of server/db/postgres-patch.mjs (plain JavaScript so `postinstall` runs it without tsx). */
export declare const MARKER: string;
export declare const PATCHED_VERSION: string;
export declare function postgresDir(from?: string): string;
export declare function isPatched(dir?: string): boolean;
export declare function patchPostgres(dir?: string): string[];
