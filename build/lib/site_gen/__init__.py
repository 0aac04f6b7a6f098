"""site_gen: a static site generator for a football transfer-rumour archive."""

__version__ = "0.1.0"
