"""Plain-text dumps (UTF-8/GBK …): paragraphs, and tables recovered from their layout.

`document.extract_text` is the registry backend.
"""
