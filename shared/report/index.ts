/** The analytical note and the recommendation documents as self-contained HTML strings. */
export * from './html';
export * from './svg';
export * from './charts';
export * from './cards';
export * from './note';
