"""OCR of scanned PDF pages: rendering, deskew, ruling lines, RapidOCR text, table cells."""

# Threads one process's OCR may use. A batch of N workers sets it to its share of the cores, so the
# workers do not fight over them; alone, a process uses every core.
THREADS_VARIABLE = "KAOPING_OCR_THREADS"
