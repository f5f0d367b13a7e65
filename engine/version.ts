/** The engine's version, reported as `engineVersion`; kept equal to package.json's version by test/evaluate.test.ts. */
export const ENGINE_VERSION = '0.1.0';
