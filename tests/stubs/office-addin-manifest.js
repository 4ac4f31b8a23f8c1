/**
 * Jest stand-in for office-addin-manifest, which office-addin-mock imports only for its OfficeApp
 * enum: the real package reaches an ESM-only dependency (strip-bom 5) that Jest on Node 20 cannot
 * require. The manifest itself is checked by tests/addin-manifest.test.ts with the real CLI.
 */
module.exports = {
  OfficeApp: { Excel: 'excel', OneNote: 'onenote', Outlook: 'outlook', PowerPoint: 'powerpoint', Project: 'project', Word: 'word' },
};
