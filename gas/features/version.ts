/**
 * Version of the feature bundle's interface (gas/features/index.ts). Code.js and Features.html are
 * built together; the loader compares the two so that a Features.html left over from another build
 * gives a clear message rather than a wrong call. Bump it when an exported function changes shape.
 */
export const FEATURES_VERSION = 2;
