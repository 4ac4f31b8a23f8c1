/** Addressed recommendations: rules, measures, school cards, municipal summaries and their sheets. */
export * from './measures';
export * from './profile';
export * from './rules';
export * from './recommend';
export * from './sheet';
