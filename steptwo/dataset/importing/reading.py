"""Reading the data-set CSV files of a directory: one file per table, named as tables.file_name says.

IDS001MPI, IDS101Referral and IDS201CareContact must be there. The other four (care activities,
presenting complaints and the two coded-score tables) may be left out when the previous system has no
such records: a missing one reads as a file with no rows. The header must name exactly the table's
columns (tables.COLUMNS), in any order. Files are UTF-8, with or without a byte-order mark.
"""

import csv
from dataclasses import dataclass
from pathlib import Path

from steptwo.dataset import tables
from steptwo.dataset.importing.problems import Problem

REQUIRED_TABLES = (tables.IDS001_MPI, tables.IDS101_REFERRAL, tables.IDS201_CARE_CONTACT)


@dataclass(frozen=True)
class Row:
    number: int  # the line in the file, the header being row 1
    values: dict  # column name → text, stripped of surrounding spaces


@dataclass(frozen=True)
class TableFile:
    table: str
    rows: tuple  # of Row
    readable: bool  # False when the file could not be read or its header is wrong: its rows are unknown

    @property
    def name(self):
        return tables.file_name(self.table)


def read_directory(directory):
    """({table: TableFile}, [Problem]) for every table in tables.TABLES."""
    files, problems = {}, []
    for table in tables.TABLES:
        table_file, table_problems = _read(Path(directory), table)
        files[table] = table_file
        problems.extend(table_problems)
    return files, problems


def _read(directory, table):
    name = tables.file_name(table)
    path = directory / name
    if not path.is_file():
        if table in REQUIRED_TABLES:
            return TableFile(table, (), False), [Problem(name, 0, "", "The file is missing: it is required")]
        return TableFile(table, (), True), []
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            lines = list(csv.reader(file))
    except (UnicodeDecodeError, csv.Error) as error:
        return TableFile(table, (), False), [Problem(name, 0, "", f"The file cannot be read as UTF-8 CSV ({error})")]
    if not lines:
        return TableFile(table, (), False), [Problem(name, 1, "", "The file is empty: it needs a header row")]
    header = [column.strip() for column in lines[0]]
    problems = _header_problems(name, table, header)
    if problems:
        return TableFile(table, (), False), problems
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in line):
            continue  # a blank line, often at the end of a file
        if len(line) != len(header):
            problems.append(Problem(name, number, "", f"The row has {len(line)} values; the header has {len(header)}"))
            continue
        rows.append(Row(number, {column: cell.strip() for column, cell in zip(header, line)}))
    return TableFile(table, tuple(rows), True), problems


def _header_problems(name, table, header):
    expected = tables.COLUMNS[table]
    problems = [
        Problem(name, 1, column, "The header is missing this column") for column in expected if column not in header
    ]
    problems += [
        Problem(name, 1, column, f"Unknown column: the header must name exactly {', '.join(expected)}")
        for column in header
        if column not in expected
    ]
    problems += [
        Problem(name, 1, column, "The header names this column twice")
        for column in dict.fromkeys(header)
        if header.count(column) > 1 and column in expected
    ]
    return problems
