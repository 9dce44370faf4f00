"""One thing wrong with an import file, said so a person can find and fix it."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """file: "IDS201CareContact.csv"; row: the line in the file, the header being row 1 (as a spreadsheet
    numbers it), 0 for the file as a whole; column: the data-set element name, "" for a whole row."""

    file: str
    row: int
    column: str
    message: str

    def __str__(self):
        where = self.file if not self.row else f"{self.file} row {self.row}"
        return f"{where}, {self.column}: {self.message}" if self.column else f"{where}: {self.message}"
