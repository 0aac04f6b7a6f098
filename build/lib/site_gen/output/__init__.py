"""Turn planned pages into files: the theme, rendering, atomic writing, search index, build cache,
worker processes and progress."""
