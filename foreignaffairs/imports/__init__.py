"""Bringing records in from the department's Excel sheets: the import kit.

`workbook` reads an upload (.xlsx, or .csv in UTF-8 as our own list export writes it) into rows and refuses what
is no such file; `headers` finds each column of a kind among the sheet's headers (Vietnamese or English, with or
without diacritics); `cells` turns a cell into a value (partial dates, Vietnamese numbers, choices, records named
by their name); `kinds` is how an app declares what it imports (columns, natural key) and the registry of those
declarations; `preview` works out, without writing, what each row would do; `apply` writes a preview in one
transaction with its audit trail; `template` writes the blank workbook staff fill in; `uploads` keeps an upload
between its preview and its confirmation; `admin` is the upload → preview → confirm pages a ModelAdmin gains.

A kit: the apps declare their kinds next to their models (`partners/imports.py`) and import it; it imports no app,
and finds the declarations through `autodiscover_modules("imports")`.
"""
