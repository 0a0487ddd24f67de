"""Spreadsheets: XLSX (openpyxl, read-only) and legacy XLS (xlrd), merged ranges kept as spans.

`xlsx.extract_xlsx` and `xls.extract_xls` are the registry backends.
"""
