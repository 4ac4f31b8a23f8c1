/**
 * Roadmaps, target indicators, templates and municipal reporting: the programme that follows the
 * identification. Pure like the rest of the engine.
 */
export * from './dates';
export * from './deadline';
export * from './messages';
export * from './roadmap';
export * from './indicators';
export * from './template-sheet';
export * from './seed-roadmaps';
export * from './seed-indicators';
export * from './facts';
export * from './templates';
export * from './status-text';
export * from './reporting';
