/** The text of a CSS file with each `@import './x.css';` line replaced by that file's text, recursively. */
export declare function inlineCss(entryPath: string): string;
