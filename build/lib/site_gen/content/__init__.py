"""The archive's inputs: find article files, read raw text or front matter, apply an editor's
corrections, and infer each article's record; also the table of completed transfers."""
