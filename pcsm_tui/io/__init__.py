"""Excel workbooks in the templates' layout, the proposal as a document, redacted sharing.

Entry points: `xlsx_export.export_xlsx`, `xlsx_import.plan_import` / `apply_import`,
`proposal_doc.export_proposal`. Nothing here is imported at pcsm's start-up; openpyxl and
python-docx load only when an export or import runs. See docs/excel-and-documents.md.
"""
