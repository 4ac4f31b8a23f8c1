/**
 * ШНОР Монитор engine: pure TypeScript over 2D arrays of cells, shared by the Excel add-in,
 * the Apps Script project and the command line.
 */
export * from './types';
export * from './messages';
export * from './numbers';
export * from './table';
export * from './settings';
export * from './marks';
export * from './statistics';
export * from './quality-index';
export * from './eleven-groups';
export * from './social-index';
export * from './federal';
export * from './categories';
export * from './partners';
export * from './dynamics';
export * from './reason';
export * from './read-region';
export * from './identify';
export * from './contract';
export * from './summary';
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
