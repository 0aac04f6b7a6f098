"""The site as data: index the articles, judge the rumours, and plan every page, feed and data file.

Pure: no file is read or written here, and no template rendered.
"""
