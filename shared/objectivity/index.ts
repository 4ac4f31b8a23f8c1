export * from './statistics';
export * from './engine';
export * from './messages';
export * from './sheet';
