"""Word: DOCX read from its XML parts; legacy .doc/.wps converted by LibreOffice first.

`document.extract_docx` and `legacy.extract_doc` are the registry backends.
"""
