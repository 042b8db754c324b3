"""防诈课堂 core: plain functions that parse, validate and render the site's content.

The build runs as named stages (``pipeline``); ``hooks/fangzha_mkdocs.py`` adapts them to MkDocs
events and ``fangzha prepare/finish`` (``cli``) runs them around an engine without hooks. Only
``mkdocs_glue`` (the adapter's logging and errors) and ``material`` (the patches of Material's
internals) know MkDocs or Material; a move to another generator rewrites only those.
"""
