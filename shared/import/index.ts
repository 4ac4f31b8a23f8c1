/** Importers of the exports officials have: ВПР statistics, ОГЭ/ЕГЭ results, social passports. */
export * from './common';
export * from './vpr';
export * from './vpr-pupils';
export * from './vpr-journal';
export * from './exam';
export * from './passport';
export * from './append';
export * from './summary';
export * from './run';
