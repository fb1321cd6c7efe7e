# Parses SQL statements with sqlglot, each in its own dialect: reads JSON [{"dialect", "name", "sql"}]
# on stdin, prints one line per statement that does not parse ("name: error"), then how many parsed;
# exits 1 if any did not.
import json
import sys

import sqlglot
from sqlglot.errors import ErrorLevel

statements = json.load(sys.stdin)
failed = 0
for statement in statements:
    try:
        trees = sqlglot.parse(statement["sql"], read=statement["dialect"], error_level=ErrorLevel.RAISE)
        if len(trees) != 1 or trees[0] is None:
            raise ValueError("%d statements" % len(trees))
    except Exception as e:  # any failure to parse is the test's failure
        failed += 1
        message = str(e).splitlines()[0] if str(e) else type(e).__name__
        print("%s: %s" % (statement["name"], message))
print("parsed %d of %d statements with sqlglot %s" % (len(statements) - failed, len(statements), sqlglot.__version__))
sys.exit(1 if failed else 0)
