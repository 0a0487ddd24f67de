"""OCR of scanned PDF pages: rendering, deskew, ruling lines, RapidOCR text, table cells."""
