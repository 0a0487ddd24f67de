"""HTML pages: block text with styles, `<table>` grids with rowspan/colspan.

`document.extract_html` is the registry backend.
"""
