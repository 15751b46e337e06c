/**
 * The comments that enclose a reference list Evidence Writer generated, so that it can be refreshed in
 * place, and so that its text is read as the reference list (not prose, no citations).
 */

export const MARKDOWN_REFERENCES_START = '<!-- evidence-lint-references -->';
export const MARKDOWN_REFERENCES_END = '<!-- /evidence-lint-references -->';
export const LATEX_REFERENCES_START = '% evidence-lint-references';
export const LATEX_REFERENCES_END = '% /evidence-lint-references';

/** A line that is the opening marker (Markdown), however spaced. */
export const MARKDOWN_REFERENCES_START_LINE = /^\s*<!--\s*evidence-lint-references\s*-->\s*$/;
export const MARKDOWN_REFERENCES_END_LINE = /^\s*<!--\s*\/evidence-lint-references\s*-->\s*$/;
export const LATEX_REFERENCES_START_LINE = /^\s*%\s*evidence-lint-references\s*$/;
export const LATEX_REFERENCES_END_LINE = /^\s*%\s*\/evidence-lint-references\s*$/;
