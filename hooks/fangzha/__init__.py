"""防诈课堂 core: plain functions that parse, validate and render the site's content.

Nothing in this package imports MkDocs. The modules in ``hooks/`` adapt these
functions to MkDocs events; a move to another generator rewrites only those.
"""
