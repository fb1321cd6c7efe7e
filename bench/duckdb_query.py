"""Runs the statements of an SQL file (as `spendgate ... --explain-spend` prints them for a FOCUS file)
in DuckDB's own Python package, in memory, and prints how many rows the last one gave.

Usage: python bench/duckdb_query.py FILE.sql   (in the folder the file's paths are relative to)
"""
import sys

import duckdb

text = open(sys.argv[1]).read()
con = duckdb.connect()
rows = None
for statement in text.split(";\n"):
    sql = "\n".join(line for line in statement.splitlines() if not line.startswith("--")).strip()
    if sql:
        rows = con.execute(sql).fetchall()
print(len(rows) if rows is not None else 0)
