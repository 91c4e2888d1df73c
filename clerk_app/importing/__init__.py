"""Importing training schools' completion lists (.xlsx, .xls, .ods, .csv) as training_completion records.

Qt-free: the command line and the window both use ``ImportService``. Every
row goes through ``RecordService`` exactly like an entry typed at the
counter; this package only reads the file, recognises its columns, turns
spreadsheet cells into the text a clerk would have typed (or refuses them
when Excel already destroyed them), and reports each row's outcome with the
cell it comes from.
"""
