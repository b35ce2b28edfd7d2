import { AllCommunityModule, colorSchemeDark, ModuleRegistry, themeQuartz } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

/** ag-grid's Quartz theme, darkened and tightened to the cockpit's density. */
export const chainTheme = themeQuartz.withPart(colorSchemeDark).withParams({
  backgroundColor: '#11151c',
  headerBackgroundColor: '#171c25',
  foregroundColor: '#d5dbe5',
  borderColor: '#252c38',
  fontSize: 11,
  headerFontSize: 11,
  rowHeight: 22,
  headerHeight: 24,
  spacing: 3,
  fontFamily: "'JetBrains Mono', 'DejaVu Sans Mono', Menlo, Consolas, monospace",
  accentColor: '#4ea1ff',
  oddRowBackgroundColor: '#131820',
});
