import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

/**
 * Markdown from a third party (an LLM's answer) shown as HTML, safely: marked renders it, DOMPurify removes every
 * script, event handler (onerror, onclick…), javascript: URL, iframe, form and style before it reaches the page.
 */
export function sanitizedMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'], FORBID_ATTR: ['style'] });
}

export function MarkdownView({ markdown, testId }: { markdown: string; testId?: string }) {
  const html = useMemo(() => sanitizedMarkdown(markdown), [markdown]);
  return <div className="markdown-view" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
