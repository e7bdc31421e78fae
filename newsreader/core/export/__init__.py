"""Articles out: HTML, Markdown, EPUB, JSON (PDF is drawn by Qt in the UI), selections, safe
file names, progress and cancelling, sharing one article as text."""
