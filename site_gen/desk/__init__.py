"""The editor's desk's own script and style, served by the preview only (never part of a built site)."""
