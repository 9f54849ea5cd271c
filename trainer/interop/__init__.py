"""Other formats, without Qt: the export formats and their file extensions (export), text
exports as Graphviz DOT, Mermaid and Markdown (text), the self-contained web page (html), Anki
cards (anki), and importing a Mermaid flowchart (mermaid, read by mermaid_parse). The drawings
(SVG, PNG, PDF) are rendered with Qt in `trainer.ui.export`."""
