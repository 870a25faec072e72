"""What every workbook perfdsl writes must be: no formula anywhere, and every text cell that
starts like a formula (= + - @ tab CR, OWASP's list) marked as literal text.

`tests/conftest.py` runs `assert_no_formulas` on every workbook `perfdsl.outputs.xlsx` makes
during the test session; tests that write workbooks from a fresh process call it on the file.
"""

from __future__ import annotations

import io
import re
import zipfile

from perfdsl.outputs.xlsx import FORMULA_STARTS


def assert_no_formulas(data: bytes) -> None:
    """Fail if the workbook `data` has a formula cell, or formula-like text not quote-prefixed."""
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = archive.read(name).decode("utf-8")
                assert not re.search(r"<(\w+:)?f[\s>/]", xml), f"a formula in {name}"
                assert 't="str"' not in xml, f"a formula result in {name}"
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    assert cell.quotePrefix, (cell.coordinate, cell.value)
