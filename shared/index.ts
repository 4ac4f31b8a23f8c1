/**
 * ШНОР Монитор engine: pure TypeScript over 2D arrays of cells, shared by the Excel add-in,
 * the Apps Script project and the command line.
 */
export * from './types';
export * from './messages';
export * from './input/numbers';
export * from './input/table';
export * from './method/settings';
export * from './method/indicators';
export * from './method/marks';
export * from './method/statistics';
export * from './method/quality-index';
export * from './method/eleven-groups';
export * from './method/social-index';
export * from './method/federal';
export * from './method/categories';
export * from './method/partners';
export * from './method/dynamics';
export * from './method/reason';
export * from './input/read-region';
export * from './method/identify';
export * from './contract';
export * from './method/summary';
export * from "./report-tables";
export * from "./custom-functions";
export * from "./wizard-protocol";
export * from "./roadmap";
export {
  analyticalNote, recommendationsDocument, htmlDocument, outputSheetHtml, type NoteOptions, type CardsDocumentOptions,
} from './report';
export {
  recommend, recommendationSheets, recommendationsSheet, municipalRecommendationsSheet, RECOMMENDATION_SHEETS, MEASURES, RULES,
  type Recommendations, type SchoolCard, type MunicipalitySupport, type RecommendOptions,
} from './recommendations';
export {
  importVpr, importExam, importPassport, previewExam, guessExamMapping, applyMappingSpec, planAppend, importSummary, SchoolDirectory,
  runImporter, importPreviewLines, importDirectory, planImport, planWrites, shareColumns, shareFormat, planCodeColumn, importColumnWidth,
  type ImportKind, type RunImportOptions, type PlanImportOptions, type PlannedImport,
  type ImportResult, type AppendPlan, type SourceSheet, type UnmatchedRow, type VprOptions, type ExamOptions, type PassportOptions, type ExamPreview,
} from './import';
export * from './objectivity';
