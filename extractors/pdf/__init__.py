"""PDF: words and ruling lines from pdfplumber, tables rebuilt from cell boxes, pages stitched.

`document.extract_pdf` is the registry backend.
"""
